export * from "./callcenter";
export * from "./connectors";
export * from "./flow";
export * from "./desktop-layout";
export type * from "./generated/args";
export * from "./resource-type";
export type { WxccGetOptions } from "./get-options";
