/**
 * XML namespace resolution over a plain SAX stream, in constant time per name. saxes' own namespace
 * mode looks a prefix up by walking every open element back to the one that declared it, so a report
 * nested n deep cost n steps per element: a 40,000-deep report took 10 s and a 500,000-deep one ran for
 * hours. Here each prefix keeps a stack of its bindings: an element declaring a prefix pushes onto it
 * and its end tag pops, so a lookup is the top of one stack.
 *
 * The namespace well-formedness rules saxes enforced are kept: every prefix must be bound, `xml` and
 * `xmlns` keep their fixed meanings, and a prefix cannot be unbound.
 */

export const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
export const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';

/** A name breaks the XML namespace rules; the parser reports it as XML that is not well-formed. */
export class XmlNamespaceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlNamespaceError';
  }
}

export interface ResolvedName {
  /** The namespace URI; "" for none. */
  readonly uri: string;
  readonly local: string;
}

function split(name: string): { prefix: string; local: string } {
  const colon = name.indexOf(':');
  if (colon === -1) return { prefix: '', local: name };
  const prefix = name.slice(0, colon);
  const local = name.slice(colon + 1);
  if (prefix === '' || local === '' || local.includes(':')) throw new XmlNamespaceError(`malformed name: ${name}`);
  return { prefix, local };
}

function checkBinding(prefix: string, uri: string): void {
  if (prefix === 'xmlns') throw new XmlNamespaceError('the prefix xmlns may not be declared');
  if (prefix === 'xml' && uri !== XML_NAMESPACE) throw new XmlNamespaceError(`the prefix xml must be bound to ${XML_NAMESPACE}`);
  if (prefix !== 'xml' && uri === XML_NAMESPACE) throw new XmlNamespaceError(`only the prefix xml may be bound to ${XML_NAMESPACE}`);
  if (uri === XMLNS_NAMESPACE) throw new XmlNamespaceError(`no prefix may be bound to ${XMLNS_NAMESPACE}`);
  if (prefix !== '' && uri === '') throw new XmlNamespaceError(`the prefix ${prefix} may not be unbound`);
}

export class NamespaceScopes {
  /** Each prefix's bindings, innermost last; "" is the default namespace. */
  private readonly bindings = new Map<string, string[]>([
    ['xml', [XML_NAMESPACE]],
    ['xmlns', [XMLNS_NAMESPACE]],
  ]);
  /** The prefixes each open element declared (null for none, the common case), innermost last. */
  private readonly declared: (string[] | null)[] = [];

  /** Enters an element: binds the prefixes its attributes declare and resolves its name. */
  open(name: string, attributes: Readonly<Record<string, string>>): ResolvedName {
    let mine: string[] | null = null;
    // for-in, not Object.entries: this runs for every element, and most have no attributes to copy.
    for (const attribute in attributes) {
      const prefix = attribute === 'xmlns' ? '' : attribute.startsWith('xmlns:') ? attribute.slice('xmlns:'.length) : null;
      if (prefix === null) continue;
      const uri = attributes[attribute] ?? '';
      checkBinding(prefix, uri);
      (mine ??= []).push(prefix);
      const stack = this.bindings.get(prefix);
      if (stack) stack.push(uri);
      else this.bindings.set(prefix, [uri]);
    }
    this.declared.push(mine);
    const element = split(name);
    if (element.prefix === 'xmlns') throw new XmlNamespaceError(`an element may not have the prefix xmlns: ${name}`);
    const uri = this.lookup(element.prefix, name);
    for (const attribute in attributes) {
      if (!attribute.includes(':')) continue;
      const { prefix } = split(attribute);
      if (prefix !== 'xmlns') this.lookup(prefix, attribute);
    }
    return { uri, local: element.local };
  }

  /** Leaves the innermost open element, dropping the bindings it declared. */
  close(): void {
    for (const prefix of this.declared.pop() ?? []) this.bindings.get(prefix)?.pop();
  }

  private lookup(prefix: string, name: string): string {
    const stack = this.bindings.get(prefix);
    const uri = stack?.[stack.length - 1];
    if (uri !== undefined) return uri;
    if (prefix === '') return '';
    throw new XmlNamespaceError(`unbound namespace prefix "${prefix}" in ${name}`);
  }
}
