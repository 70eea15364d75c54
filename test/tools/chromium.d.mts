export declare const chromiumPath: string;
export declare const chromiumFlags: string[];
export declare function assertChromium(): string;
