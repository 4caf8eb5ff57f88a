export * from "./connectors";
export * from "./callcenter";
