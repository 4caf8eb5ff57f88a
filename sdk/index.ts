export * from "./callcenter";
export * from "./connectors";
export type * from "./generated/args";
export * from "./resource-type";
