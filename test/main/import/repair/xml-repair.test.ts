import { describe, expect, it } from 'vitest';
import type { Repair } from '../../../../main/import/repair/repair-queue';
import { XmlRepairer } from '../../../../main/import/repair/xml-repair';

class DeclarationFound extends Error {
  constructor(readonly line: number) {
    super(`declaration at line ${line}`);
  }
}

/** Runs the repair pass over `input` cut into pieces of `size` characters. */
function repair(input: string, size = input.length || 1): { output: string; repairs: Repair[] } {
  const repairs: Repair[] = [];
  const repairer = new XmlRepairer(
    (found) => repairs.push(found),
    (line) => {
      throw new DeclarationFound(line);
    },
  );
  let output = '';
  for (let i = 0; i < input.length; i += size) output += repairer.push(input.slice(i, i + size));
  output += repairer.end();
  return { output, repairs };
}

/** The same result whether the text arrives whole or one character at a time. */
function repairBothWays(input: string): { output: string; repairs: Repair[] } {
  const whole = repair(input);
  expect(repair(input, 1)).toEqual(whole);
  expect(repair(input, 3)).toEqual(whole);
  return whole;
}

describe('XML repair pass', () => {
  it('rewrites a surrogate pair of references as one reference to the code point, with its line', () => {
    const input = '<smses>\n<sms body="baby &#55357;&#56832; x" />\n</smses>';
    const { output, repairs } = repairBothWays(input);
    expect(output).toBe('<smses>\n<sms body="baby &#128512; x" />\n</smses>');
    expect(repairs).toHaveLength(1);
    expect(repairs[0]?.line).toBe(2);
    expect(repairs[0]?.description).toContain('&#55357;&#56832;');
    expect(repairs[0]?.description).toContain('&#128512;');
    expect(output.slice(repairs[0]?.offset)).toMatch(/^&#128512;/);
  });

  it('accepts hexadecimal surrogate references too', () => {
    expect(repairBothWays('<a b="&#xD83D;&#xDE00;"/>').output).toBe('<a b="&#128512;"/>');
  });

  it('replaces lone surrogates with U+FFFD and says so', () => {
    const { output, repairs } = repairBothWays('<a b="&#55357;" c="&#56832;x" d="&#55357;&#65;" e="x&#55357;"/>');
    expect(output).toBe('<a b="&#65533;" c="&#65533;x" d="&#65533;&#65;" e="x&#65533;"/>');
    expect(repairs.map((r) => r.description)).toEqual([
      'lone UTF-16 surrogate reference &#55357; replaced by U+FFFD',
      'lone UTF-16 surrogate reference &#56832; replaced by U+FFFD',
      'lone UTF-16 surrogate reference &#55357; replaced by U+FFFD',
      'lone UTF-16 surrogate reference &#55357; replaced by U+FFFD',
    ]);
  });

  it('replaces references to characters XML forbids, and forbidden raw characters', () => {
    const { output, repairs } = repairBothWays('<a b="x&#1;y&#x1F;z&#0;" c="\u0001\u000B"/>');
    expect(output).toBe('<a b="x&#65533;y&#65533;z&#65533;" c="\uFFFD\uFFFD"/>');
    expect(repairs).toHaveLength(5);
    expect(repairs[0]?.description).toBe('reference &#1; to U+0001, which XML does not allow, replaced by U+FFFD');
    expect(repairs[3]?.description).toBe('raw character U+0001, which XML does not allow, replaced by U+FFFD');
  });

  it('leaves well-formed references, entities and text alone', () => {
    const input = '<?xml version="1.0"?>\n<a b="&#128077; &#10; &amp; &quot;x&quot; &lt;t&gt; ❤️ \t"/>';
    expect(repairBothWays(input)).toEqual({ output: input, repairs: [] });
  });

  it('does not touch references inside comments, CDATA sections or processing instructions', () => {
    const input = '<!-- &#55357; --><a><![CDATA[&#1; ]] &#55357;]]><?pi &#55357; ?></a>';
    expect(repairBothWays(input)).toEqual({ output: input, repairs: [] });
  });

  it('picks up again after a comment closes across chunks', () => {
    const { output } = repairBothWays('<!-- a -- b - --><a b="&#55357;&#56832;"/>');
    expect(output).toBe('<!-- a -- b - --><a b="&#128512;"/>');
  });

  it('refuses a DOCTYPE and an ENTITY declaration, naming the line, even when split across chunks', () => {
    const doctype = '<?xml version="1.0"?>\n<!--x-->\n<!DOCTYPE smses [\n<!ENTITY lol "lol">]>\n<smses/>';
    for (const size of [doctype.length, 1, 5]) {
      expect(() => repair(doctype, size)).toThrow(new DeclarationFound(3));
    }
    expect(() => repair('<a>\n<!ENTITY x "y"></a>', 1)).toThrow(new DeclarationFound(2));
  });

  it('reports offsets into the repaired text, so repairs can be matched to records', () => {
    const input = '<r>\n<s b="&#55357;&#56832;"/>\n<s b="&#1;&#55357;&#56832;"/>\n</r>';
    for (const size of [input.length, 1, 2, 7]) {
      const { output, repairs } = repair(input, size);
      expect(repairs.map((r) => r.line)).toEqual([2, 3, 3]);
      expect(repairs.map((r) => output.slice(r.offset, r.offset + 9))).toEqual(['&#128512;', '&#65533;&', '&#128512;']);
    }
  });
});
