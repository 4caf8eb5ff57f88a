// The harness's unary gRPC client against a real gRPC server: the grpc-js that @pulumi/pulumi ships, which is
// what the dynamic-provider plugin serves with.
import * as path from "node:path";
import type * as grpcTypes from "@grpc/grpc-js";
import { expect } from "chai";
import { GrpcCallError, UnaryChannel } from "../../testing/grpc-unary";

const grpc = require(
  require.resolve("@grpc/grpc-js", {
    paths: [path.dirname(require.resolve("@pulumi/pulumi/package.json"))],
  }),
) as typeof grpcTypes;

const raw = {
  requestSerialize: (b: Buffer) => b,
  requestDeserialize: (b: Buffer) => b,
  responseSerialize: (b: Buffer) => b,
  responseDeserialize: (b: Buffer) => b,
};
const service: grpcTypes.ServiceDefinition = {
  Echo: { path: "/test.Svc/Echo", requestStream: false, responseStream: false, originalName: "Echo", ...raw },
  Fail: { path: "/test.Svc/Fail", requestStream: false, responseStream: false, originalName: "Fail", ...raw },
};

type Unary = grpcTypes.handleUnaryCall<Buffer, Buffer>;

describe("harness: the unary gRPC client", () => {
  let server: grpcTypes.Server;
  let channel: UnaryChannel;
  let failWith: Partial<grpcTypes.ServiceError> = {};

  before(async () => {
    server = new grpc.Server();
    const echo: Unary = (call, callback) =>
      callback(null, Buffer.concat([Buffer.from("echo:"), call.request]));
    const fail: Unary = (_call, callback) => callback(failWith as grpcTypes.ServiceError);
    server.addService(service, { Echo: echo, Fail: fail });
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
        err ? reject(err) : resolve(p),
      ),
    );
    channel = new UnaryChannel(`127.0.0.1:${port}`);
  });

  after(() => {
    channel.close();
    server.forceShutdown();
  });

  it("sends one message and reads one back, of any size, many calls at once on one connection", async () => {
    const sizes = [0, 1, 16_383, 16_384, 70_000, 1_000_000];
    const messages = sizes.map((n, i) => Buffer.alloc(n, i + 1));
    const answers = await Promise.all(messages.map((m) => channel.call("/test.Svc/Echo", m)));
    answers.forEach((answer, i) => {
      expect(answer.subarray(0, 5).toString()).to.equal("echo:");
      expect(answer.subarray(5).equals(messages[i]!)).to.equal(true, `message of ${sizes[i]} bytes`);
    });
  });

  it("rejects with the status code and the message, decoded as sent (any characters)", async () => {
    failWith = {
      code: grpc.status.FAILED_PRECONDITION,
      details: "bad input: «name» is 100% wrong\nsecond line",
    };
    const err = await channel.call("/test.Svc/Fail", Buffer.from("x")).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(GrpcCallError);
    expect((err as GrpcCallError).code).to.equal(grpc.status.FAILED_PRECONDITION);
    expect((err as GrpcCallError).details).to.equal("bad input: «name» is 100% wrong\nsecond line");
    expect((err as GrpcCallError).statusDetails).to.equal(undefined);
  });

  it("passes on the binary status details trailer (where the plugin puts ErrorResourceInitFailed)", async () => {
    const detailsBin = Buffer.from([0, 1, 2, 250, 251, 252, 10, 13]);
    const metadata = new grpc.Metadata();
    metadata.set("grpc-status-details-bin", detailsBin);
    failWith = { code: grpc.status.UNKNOWN, details: "partly created", metadata };
    const err = (await channel
      .call("/test.Svc/Fail", Buffer.alloc(0))
      .catch((e: unknown) => e)) as GrpcCallError;
    expect(err.code).to.equal(grpc.status.UNKNOWN);
    expect(err.details).to.equal("partly created");
    expect(err.statusDetails?.equals(detailsBin)).to.equal(true);
  });

  it("answers UNIMPLEMENTED for a method the server does not have, as the server says", async () => {
    const err = (await channel
      .call("/test.Svc/Nope", Buffer.alloc(0))
      .catch((e: unknown) => e)) as GrpcCallError;
    expect(err.code).to.equal(grpc.status.UNIMPLEMENTED);
    expect(err.details).to.match(/Nope/);
  });

  it("rejects with UNAVAILABLE, naming why, when no server answers", async () => {
    const probe = new grpc.Server();
    const port = await new Promise<number>((resolve, reject) =>
      probe.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
        err ? reject(err) : resolve(p),
      ),
    );
    probe.forceShutdown();
    const nowhere = new UnaryChannel(`127.0.0.1:${port}`);
    try {
      const err = (await nowhere
        .call("/test.Svc/Echo", Buffer.alloc(1))
        .catch((e: unknown) => e)) as GrpcCallError;
      expect(err).to.be.instanceOf(GrpcCallError);
      expect(err.code).to.equal(grpc.status.UNAVAILABLE);
      expect(err.details).to.match(/no status from the server: .*ECONNREFUSED/);
    } finally {
      nowhere.close();
    }
  });

  it("connects again after the connection was closed", async () => {
    channel.close();
    const answer = await channel.call("/test.Svc/Echo", Buffer.from("again"));
    expect(answer.toString()).to.equal("echo:again");
  });
});
