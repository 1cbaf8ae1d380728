export interface Tool {
  id: string;
  what: { zh: string; en: string };
  neededBy: { zh: string; en: string };
  debian: string[];
  windows: string;
  find(env: NodeJS.ProcessEnv): string | null;
}
export function which(names: string[], env?: NodeJS.ProcessEnv): string | null;
export const tools: Tool[];
export function missingTools(env?: NodeJS.ProcessEnv): Tool[];
export function debianPackages(list: Tool[]): string[];
export function aptCommand(list: Tool[]): string;
