using System.Buffers.Binary;
using Google.Protobuf;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Minimax.Contracts.Api;

namespace Minimax.Silo.Services;

/// <summary>
/// grpc-dotnet decodes a request before any handler or interceptor runs and answers a message it cannot
/// decode (for example a string field that is not UTF-8) with UNKNOWN. This middleware decodes
/// minimax.v1 requests first and answers such a message with INVALID_ARGUMENT naming the message, so
/// bad input always gets a clear error. It runs after <see cref="Security.ApiKeyMiddleware"/>, so only
/// authenticated callers get this far, and it reads no more than gRPC itself would accept.
/// </summary>
public sealed class UndecodableRequestMiddleware(RequestDelegate next, IOptions<GrpcServiceOptions> grpc)
{
    // Flag byte and big-endian length of a gRPC frame.
    private const int FrameHeaderBytes = 5;

    // gRPC reads a little past a unary message to see that the body ends; that stays in memory too.
    private const int ReadAheadBytes = 64 << 10;

    private static readonly Dictionary<string, MessageDescriptorParser> Methods = new[] { Runs.Descriptor, Contracts.Api.Jobs.Descriptor }
        .SelectMany(service => service.Methods)
        .ToDictionary(method => $"/{method.Service.FullName}/{method.Name}", method => new MessageDescriptorParser(method.InputType.Name, method.InputType.Parser));

    // gRPC's own limit (MaxReceiveMessageSize, 4 MiB unless configured); larger messages are left to gRPC,
    // which refuses them with RESOURCE_EXHAUSTED from the frame header alone.
    private readonly int _maxMessageBytes = grpc.Value.MaxReceiveMessageSize ?? int.MaxValue;

    public async Task InvokeAsync(HttpContext context)
    {
        if (Methods.TryGetValue(context.Request.Path.Value ?? "", out var input)
            && await ReadSingleMessageAsync(context.Request, context.RequestAborted) is { } message
            && Undecodable(message, input) is { } problem)
        {
            TrailersOnlyResponse.Write(context, new Status(StatusCode.InvalidArgument, problem));
            return;
        }
        await next(context);
    }

    /// <summary>
    /// The message of a body that is exactly one uncompressed frame within gRPC's limit, or null for
    /// anything else, which is left to gRPC (it reports framing errors and oversized messages itself).
    /// The body is rewound for gRPC either way.
    /// </summary>
    private async Task<ArraySegment<byte>?> ReadSingleMessageAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // Kept in memory, never spilled to a temporary file: the body read is bounded by the frame's limit.
        request.EnableBuffering(bufferThreshold: (int)Math.Min(int.MaxValue, (long)_maxMessageBytes + FrameHeaderBytes + ReadAheadBytes));
        try
        {
            var header = new byte[FrameHeaderBytes];
            if (await request.Body.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken) < header.Length
                || header[0] != 0
                || BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1)) is var length && length > _maxMessageBytes)
            {
                return null;
            }
            // One byte more than the frame says: a body that goes on is not a single frame.
            var message = new byte[length + 1];
            var read = await request.Body.ReadAtLeastAsync(message, message.Length, throwOnEndOfStream: false, cancellationToken);
            return read == length ? new ArraySegment<byte>(message, 0, (int)length) : (ArraySegment<byte>?)null;
        }
        finally
        {
            request.Body.Position = 0;
        }
    }

    private static string? Undecodable(ArraySegment<byte> message, MessageDescriptorParser input)
    {
        try
        {
            input.Parser.ParseFrom(message.AsSpan());
            return null;
        }
        catch (InvalidProtocolBufferException exception)
        {
            return $"{input.Name}: cannot be decoded ({exception.Message.TrimEnd('.')}); text fields must be UTF-8";
        }
    }

    private sealed record MessageDescriptorParser(string Name, MessageParser Parser);
}
