// Types for browser.mjs (plain ESM so web-test-runner.config.mjs can import it).

export declare const BROWSER_NAMES: readonly string[];
export declare const INSTALL_COMMAND: string;
export declare const BROWSER_ARGS: readonly string[];
export declare class BrowserNotFoundError extends Error {}
export declare function isExecutableFile(file: string): boolean;
export declare function findOnPath(name: string, env?: NodeJS.ProcessEnv): string | null;
export declare function findBrowser(env?: NodeJS.ProcessEnv): string | null;
export declare function describeInstall(env?: NodeJS.ProcessEnv): string;
export declare function requireBrowser(env?: NodeJS.ProcessEnv): string;
