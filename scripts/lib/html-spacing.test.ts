import { describe, expect, it } from 'vitest';
import { findSpacingProblems } from './html-spacing';

const excerpts = (html: string, allowed?: string[]) =>
  findSpacingProblems(html, allowed).map((problem) => problem.excerpt);

describe('the glued-words check', () => {
  it('finds a word run into an inline element, and out of one', () => {
    expect(excerpts('<p>Play in<strong>practice</strong> mode</p>')).toEqual(['Play inpractice']);
    expect(excerpts('<p>rather than guessing.<a href="/about/">How it works</a>.</p>')).toEqual([
      'than guessing.How',
    ]);
    expect(excerpts('<p>You<em>meet</em> it</p>')).toEqual(['Youmeet']);
    expect(excerpts('<p>at most<span>10%</span> likely</p>')).toEqual(['at most10%']);
    expect(excerpts('<p><a href="/">Home</a>page</p>')).toEqual(['Homepage']);
  });

  it('looks through nested inline elements', () => {
    expect(excerpts('<p>read<a href="#"><strong>this</strong></a> now</p>')).toEqual(['readthis']);
    expect(excerpts('<p><a href="#"><em>this</em></a>now</p>')).toEqual(['thisnow']);
  });

  it('accepts spaces, punctuation that opens or closes, block elements and entities', () => {
    expect(
      excerpts(
        '<p>Play in <strong>practice</strong> mode (<a href="#">see</a>), “<em>quoted</em>”.</p>' +
          '<ul><li>one</li><li>two</li></ul><div>a</div><div>b</div>' +
          '<p>x&nbsp;<code>y</code>&#32;z — <a>w</a>: v</p>',
      ),
    ).toEqual([]);
  });

  it('ignores scripts, styles and comments', () => {
    expect(
      excerpts(
        '<script>var a="x<b>y</b>z"</script><style>a<b{}</style><!-- a<b>c</b> --><p>ok</p>',
      ),
    ).toEqual([]);
  });

  it('lets genuine cases through by their exact excerpt', () => {
    expect(excerpts('<p><code>id</code>s are unique</p>', ['ids'])).toEqual([]);
    expect(excerpts('<p><code>id</code>s are unique</p>')).toEqual(['ids']);
  });
});
