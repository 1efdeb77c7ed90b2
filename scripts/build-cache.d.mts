/** Types of build-cache.mjs, for the tests that import it. */
export declare function sourceInputs(root: string, paths: readonly string[]): string[];

export declare class BuildCache {
  constructor(root: string, key: string);
  stale(name: string, outputs: readonly string[]): boolean;
  built(name: string, inputs: readonly string[]): void;
  ensure(
    name: string,
    outputs: readonly string[],
    build: () => Promise<readonly string[]>,
    options?: { readonly force?: boolean },
  ): Promise<boolean>;
}

export declare function buildKey(root: string, files: readonly string[], options: unknown): string;
