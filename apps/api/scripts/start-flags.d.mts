export declare function startScriptNodeFlags(): string[];
