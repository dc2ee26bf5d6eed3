import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clip, escapeText, html, name, trusted } from '../../../../src/report/html/escape.js';

describe('HTML escaping', () => {
  it('escapes the five markup characters', () => {
    expect(escapeText(`<a href="x" title='y'>&amp;</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
    );
  });

  it('replaces control characters and lone surrogates, keeps tabs, newlines and pairs', () => {
    expect(escapeText('a\u0000b\u0007c\u001bd\u007f')).toBe('a\uFFFDb\uFFFDc\uFFFDd\uFFFD');
    expect(escapeText('a\tb\nc\rd')).toBe('a\tb\nc\rd');
    expect(escapeText('x\uD800y\uDC00z😀')).toBe('x\uFFFDy\uFFFDz😀');
  });

  it('never lets text open a tag or an entity, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const out = escapeText(text);
        expect(out).not.toMatch(/[<>"']/);
        // Every & starts one of the entities we write.
        expect(out.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
      }),
    );
  });

  it('escapes every interpolation of the template, except fragments it built', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const inner = html`<b>${evil}</b>`;
    expect(html`<p title="${evil}">${inner}${[evil, 1, null, undefined, false]}</p>`.value).toBe(
      '<p title="&lt;img src=x onerror=alert(1)&gt;"><b>&lt;img src=x onerror=alert(1)&gt;</b>&lt;img src=x onerror=alert(1)&gt;1</p>',
    );
    expect(trusted('<i>ok</i>').value).toBe('<i>ok</i>');
    expect(name('\u202Eevil').value).toBe('<bdi>\u202Eevil</bdi>');
    expect(() => html`${Number.NaN}`).toThrow(/finite/);
  });

  it('clips without splitting a surrogate pair', () => {
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('😀😀😀', 2)).toBe('😀…');
    expect(clip('abc', 3)).toBe('abc');
  });
});
