export * from "./kinds.ts";
export * from "./roster.ts";
export * from "./verify.ts";
export * from "./report.ts";
