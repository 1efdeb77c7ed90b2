/**
 * Reads the ABI a compiled Node addon was built for, from the file itself. A non-N-API addon exports
 * `node_register_module_v<NODE_MODULE_VERSION>` (NODE_MODULE_INIT names it after the headers it was
 * compiled against), in ELF, PE and Mach-O alike, so the number in that symbol is the ABI the module
 * will demand when loaded: this is evidence from the binary, not from a table. A Node-API addon names
 * no such number (its ABI is stable across Node and Electron versions); it exports
 * `napi_register_module_v1` (or registers itself through `napi_module_register`).
 */
import { readFileSync } from 'node:fs';

const REGISTER_SYMBOL = /node_register_module_v(\d+)/g;
const NODE_API_SYMBOL = /napi_register_module_v1|node_api_module_get_api_version_v1|napi_module_register/;

export type AddonAbi =
  { readonly kind: 'node'; readonly abi: number } | { readonly kind: 'napi' } | { readonly kind: 'unknown'; readonly reason: string };

export function addonAbiOf(file: string): AddonAbi {
  const text = readFileSync(file).toString('latin1');
  const versions = new Set([...text.matchAll(REGISTER_SYMBOL)].map((match) => Number(match[1])));
  if (versions.size === 1) return { kind: 'node', abi: [...versions][0] ?? 0 };
  if (versions.size > 1) return { kind: 'unknown', reason: `it names several ABIs (${[...versions].join(', ')})` };
  if (NODE_API_SYMBOL.test(text)) return { kind: 'napi' };
  return { kind: 'unknown', reason: 'it exports neither node_register_module_v<ABI> nor a Node-API registration' };
}
