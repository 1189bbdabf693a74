import { describe, expect, it } from 'vitest';
import { FormDefinition } from '../../../src/core/forms/definition';
import { mediaFileNames, mediaTypeOf, sniffMediaType } from '../../../src/core/forms/formFiles';
import { localizeIssue } from '../../../src/core/forms/xlsform';

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('form media files', () => {
  it('know each accepted format by its first bytes, not its name', () => {
    expect(sniffMediaType(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffMediaType(bytes('\x89PNG\r\n\x1a\n'))).toBe('image/png');
    expect(sniffMediaType(bytes('GIF89a'))).toBe('image/gif');
    expect(sniffMediaType(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '))).toBe('image/webp');
    expect(sniffMediaType(bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '))).toBe('audio/wav');
    expect(sniffMediaType(bytes('OggS'))).toBe('audio/ogg');
    expect(sniffMediaType(bytes('ID3', [4, 0]))).toBe('audio/mpeg');
    expect(sniffMediaType(bytes([0xff, 0xfb, 0x90, 0x64]))).toBe('audio/mpeg');
    expect(sniffMediaType(bytes([0, 0, 0, 0x20], 'ftypisom'))).toBe('video/mp4');
    expect(sniffMediaType(bytes([0, 0, 0, 0x20], 'ftypM4A '))).toBe('audio/mp4');
    expect(sniffMediaType(bytes([0x1a, 0x45, 0xdf, 0xa3]))).toBe('video/webm');
    expect(sniffMediaType(bytes('<html>'))).toBeUndefined();
    expect(sniffMediaType(bytes('%PDF-1.4'))).toBeUndefined();
  });

  it('accept a file only when its content is of the kind its extension says', () => {
    expect(mediaTypeOf('a.PNG', bytes('\x89PNG\r\n\x1a\n'))).toBe('image/png');
    // A JPEG saved as .png is still an image: served as what it is.
    expect(mediaTypeOf('a.png', bytes([0xff, 0xd8, 0xff]))).toBe('image/jpeg');
    expect(mediaTypeOf('a.mp3', bytes('\x89PNG\r\n\x1a\n'))).toBeUndefined();
    expect(mediaTypeOf('a.png', bytes('<svg>'))).toBeUndefined();
    expect(mediaTypeOf('a.m4a', bytes([0, 0, 0, 0x20], 'ftypisom'))).toBe('audio/mp4');
    expect(mediaTypeOf('a.mp4', bytes([0, 0, 0, 0x20], 'ftypM4A '))).toBe('video/mp4');
    expect(mediaTypeOf('a.svg', bytes('<svg>'))).toBeUndefined();
  });

  it('list every file the labels and choices name, in every language, once', () => {
    const form = FormDefinition.parse({
      id: 'f',
      version: '1',
      title: { en: 'F' },
      defaultLanguage: 'en',
      languages: ['en', 'fr'],
      items: [
        {
          kind: 'group',
          name: 'g',
          media: { audio: { en: 'hi.mp3' } },
          items: [
            {
              kind: 'question',
              type: 'select_one',
              name: 'q',
              listName: 'l',
              media: { image: { en: 'map-en.png', fr: 'map-fr.png' }, video: { en: 'how.mp4' } },
            },
          ],
        },
      ],
      choiceLists: {
        l: [{ name: 'a', label: { en: 'A' }, media: { image: { en: 'map-en.png', fr: 'a.jpg' } } }],
      },
    });
    expect(mediaFileNames(form)).toEqual(['a.jpg', 'hi.mp3', 'how.mp4', 'map-en.png', 'map-fr.png']);
  });

  it('are refused and warned about in French too', () => {
    const fr = (message: string) => localizeIssue({ sheet: 'file', message }, 'fr').message;
    expect(fr('map.png is larger than 5 MB, the limit for an image')).toBe(
      'map.png dépasse 5 Mo, la limite pour une image',
    );
    expect(fr('clip.mp4 is larger than 20 MB, the limit for a video')).toBe(
      'clip.mp4 dépasse 20 Mo, la limite pour une vidéo',
    );
    expect(fr('The media files are larger than 40 MB together')).toBe(
      'Les fichiers médias dépassent 40 Mo à eux tous',
    );
    expect(fr('hello.mp3 is named in the form but not attached: devices show the text without it')).toBe(
      'hello.mp3 est nommé dans le formulaire mais n’est pas joint : les appareils affichent le texte sans lui',
    );
  });
});
