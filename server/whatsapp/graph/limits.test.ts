import { describe, expect, it } from 'vitest';
import { charCount, mediaLimitProblem } from './limits';

describe('mediaLimitProblem (Meta\'s type and size limits, checked before upload)', () => {
  it('accepts files within the limits of their kind', () => {
    expect(mediaLimitProblem('image', 'image/jpeg', 5 * 1024 * 1024)).toBeNull();
    expect(mediaLimitProblem('audio', 'audio/ogg; codecs=opus', 1_000)).toBeNull();
    expect(mediaLimitProblem('document', 'application/zip', 100 * 1024 * 1024)).toBeNull();
  });

  it('names the problem for the wrong type or too large a file', () => {
    expect(mediaLimitProblem('image', 'image/gif', 1_000)).toBe('image must be one of image/jpeg, image/png (got image/gif)');
    expect(mediaLimitProblem('image', 'image/png', 5 * 1024 * 1024 + 1)).toBe('image is 5.1 MB, larger than WhatsApp\'s 5 MB limit');
    expect(mediaLimitProblem('video', 'video/mp4', 17 * 1024 * 1024)).toMatch(/larger than WhatsApp's 16 MB limit/);
    expect(mediaLimitProblem('sticker', 'image/webp', 600 * 1024)).toMatch(/larger than WhatsApp's 500 KB limit/);
    expect(mediaLimitProblem('document', 'application/pdf', 0)).toBe('document is empty');
  });

  it('counts characters, not UTF-16 units', () => {
    expect(charCount('😮é')).toBe(2);
  });
});
