import { MemoryStore } from '../shared/sync/memory-store';
import { runEngineSuite } from './engine-suite';

runEngineSuite('memory', async () => new MemoryStore());
