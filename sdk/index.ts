export * from "./callcenter";
export * from "./connectors";
export * from "./flow";
