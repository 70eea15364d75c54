export declare const START: string;
export declare const END: string;
export declare function elementApiMarkdown(manifest: unknown): string;
export declare function readmeWithApi(readme: string, manifest: unknown): string;
