// Types for dist.mjs so TypeScript tests can import it (kept by hand; the file is small).
export const NODE_BUILD_FILES: string[];
export function keepingNodeBuild<T>(root: string, rebuild: () => T): T;
export function checkNodeBuild(root: string): { ok: true } | { ok: false; reason: string };
