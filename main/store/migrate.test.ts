import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion, SCHEMA_VERSION } from './migrate';
import { migrations, type Migration } from './migrations';

describe('migrate', () => {
  it('brings an empty database to the latest version, and does nothing the second time', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe(migrations.length);
    expect(migrate(db)).toBe(SCHEMA_VERSION);
  });

  it('stops at the version asked for', () => {
    const db = new Database(':memory:');
    expect(migrate(db, 1)).toBe(1);
    expect(schemaVersion(db)).toBe(1);
  });

  it('leaves the previous version whole when a migration fails half way', () => {
    const db = new Database(':memory:');
    const broken: Migration = {
      version: migrations.length + 1,
      name: 'broken',
      up(d) {
        d.exec('CREATE TABLE half_done (x INTEGER)');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, broken.version, [...migrations, broken])).toThrow('boom');
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").pluck().get()).toBe(0);
  });

  it('rejects a list whose versions are not 1, 2, 3… in order', () => {
    const db = new Database(':memory:');
    const [first] = migrations;
    expect(() => migrate(db, 2, [first!, { ...first!, version: 3 }])).toThrow(/version 3; it must be 2/);
    expect(schemaVersion(db)).toBe(0);
  });
});
