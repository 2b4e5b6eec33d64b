export declare const SUITES_DIR: string;
export declare function manifestFiles(root: string): string[];
