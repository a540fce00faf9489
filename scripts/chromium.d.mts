export interface World {
  env?: Record<string, string | undefined>;
  exists?: (path: string) => boolean;
  home?: string;
  list?: (dir: string) => string[];
  osRelease?: string;
  uid?: number;
  log: (line: string) => void;
  error: (text: string) => void;
  run: (cmd: string, args: string[], options?: { env?: Record<string, string>; quiet?: boolean }) => number | null;
  capture: (cmd: string, args: string[]) => string | undefined;
}
export const chromiumPath: string;
export const chromiumArgs: string[];
export const systemCandidates: string[];
export function playwrightCandidates(world?: Partial<World>): string[];
export function findChromium(world?: Partial<World>): { path: string | undefined; tried: string[]; ignoredWanted: string | undefined };
export function missingMessage(tried: string[], reason?: string): string;
export function isDebianLike(osRelease: string): boolean;
export function installerPrefix(world: Pick<World, 'osRelease' | 'uid' | 'run'>): { prefix: string[] | undefined; reason?: string };
export function hasCjkFont(world: Pick<World, 'capture'>): boolean | undefined;
export function ensureChromium(world?: World): string | undefined;
export function realWorld(): World;
