using System.Buffers.Binary;
using Google.Protobuf;
using Minimax.Contracts.Api;

namespace Minimax.Silo.Services;

/// <summary>
/// grpc-dotnet decodes a request before any handler or interceptor runs and answers a message it cannot
/// decode (for example a string field that is not UTF-8) with UNKNOWN. This middleware decodes
/// minimax.v1 requests first and answers such a message with INVALID_ARGUMENT naming the message, so
/// bad input always gets a clear error.
/// </summary>
public sealed class UndecodableRequestMiddleware(RequestDelegate next)
{
    // Larger bodies are left to gRPC's own size limit (4 MiB by default).
    private const int MaxInspectedBytes = 8 << 20;

    private static readonly Dictionary<string, MessageDescriptorParser> Methods = new[] { Runs.Descriptor, Contracts.Api.Jobs.Descriptor }
        .SelectMany(service => service.Methods)
        .ToDictionary(method => $"/{method.Service.FullName}/{method.Name}", method => new MessageDescriptorParser(method.InputType.Name, method.InputType.Parser));

    public async Task InvokeAsync(HttpContext context)
    {
        if (!Methods.TryGetValue(context.Request.Path.Value ?? "", out var input) || context.Request.ContentLength > MaxInspectedBytes)
        {
            await next(context);
            return;
        }
        context.Request.EnableBuffering(bufferThreshold: 64 << 10, bufferLimit: MaxInspectedBytes);
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        context.Request.Body.Position = 0;
        if (Undecodable(body.GetBuffer().AsSpan(0, (int)body.Length), input) is { } problem)
        {
            // A trailers-only gRPC response: the status travels in the headers, no message follows.
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/grpc";
            context.Response.Headers["grpc-status"] = ((int)Grpc.Core.StatusCode.InvalidArgument).ToString();
            context.Response.Headers["grpc-message"] = Uri.EscapeDataString(problem);
            return;
        }
        await next(context);
    }

    // One uncompressed length-prefixed frame (flag byte, big-endian length, message); anything else is
    // left to gRPC, which reports framing errors itself.
    private static string? Undecodable(ReadOnlySpan<byte> body, MessageDescriptorParser input)
    {
        if (body.Length < 5 || body[0] != 0)
        {
            return null;
        }
        var length = BinaryPrimitives.ReadUInt32BigEndian(body[1..5]);
        if (length != body.Length - 5)
        {
            return null;
        }
        try
        {
            input.Parser.ParseFrom(body[5..]);
            return null;
        }
        catch (InvalidProtocolBufferException exception)
        {
            return $"{input.Name}: cannot be decoded ({exception.Message.TrimEnd('.')}); text fields must be UTF-8";
        }
    }

    private sealed record MessageDescriptorParser(string Name, MessageParser Parser);
}
