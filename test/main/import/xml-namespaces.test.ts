import { describe, expect, it } from 'vitest';
import { NamespaceScopes, XML_NAMESPACE } from '../../../main/import/xml-namespaces';

const NS = 'urn:example:report';

describe('namespace scopes', () => {
  it('resolves default and prefixed names, and drops bindings when their element ends', () => {
    const scopes = new NamespaceScopes();
    expect(scopes.open('project', { xmlns: NS })).toEqual({ uri: NS, local: 'project' });
    expect(scopes.open('x:model', { 'xmlns:x': 'urn:other', 'x:type': 'Chat' })).toEqual({ uri: 'urn:other', local: 'model' });
    expect(scopes.open('field', {})).toEqual({ uri: NS, local: 'field' });
    scopes.close();
    scopes.close();
    expect(() => scopes.open('x:model', {})).toThrow(/unbound namespace prefix "x" in x:model/);
  });

  it('lets an inner element rebind a prefix or the default, and restores the outer binding after it', () => {
    const scopes = new NamespaceScopes();
    scopes.open('r', { xmlns: NS, 'xmlns:p': 'urn:one' });
    expect(scopes.open('p:a', { xmlns: '', 'xmlns:p': 'urn:two' })).toEqual({ uri: 'urn:two', local: 'a' });
    expect(scopes.open('b', {})).toEqual({ uri: '', local: 'b' });
    scopes.close();
    scopes.close();
    expect(scopes.open('p:c', {})).toEqual({ uri: 'urn:one', local: 'c' });
    expect(scopes.open('d', { 'xml:lang': 'en' })).toEqual({ uri: NS, local: 'd' });
  });

  it('refuses what the namespace rules forbid', () => {
    const scopes = new NamespaceScopes();
    expect(() => scopes.open('a', { 'q:attr': '1' })).toThrow(/unbound namespace prefix "q" in q:attr/);
    expect(() => new NamespaceScopes().open('a', { 'xmlns:p': '' })).toThrow(/may not be unbound/);
    expect(() => new NamespaceScopes().open('a', { 'xmlns:xml': 'urn:x' })).toThrow(new RegExp(XML_NAMESPACE));
    expect(() => new NamespaceScopes().open('xmlns:a', {})).toThrow(/prefix xmlns/);
    expect(() => new NamespaceScopes().open('a:b:c', { 'xmlns:a': 'urn:a' })).toThrow(/malformed name: a:b:c/);
  });
});
