using Google.Protobuf;
using Grpc.Core;
using Minimax.Contracts.Api;

namespace Minimax.EndToEnd.Tests;

/// <summary>
/// Issue 9 item 6: a request is authenticated before anything reads its body, and the silo inspects
/// (decodes) at most gRPC's own message limit (MaxReceiveMessageSize, 4 MiB by default).
/// </summary>
[Collection(SecuredSiloCollection.Name)]
public sealed class RequestBodyTests(SecuredSiloFixture silo)
{
    private const int MiB = 1 << 20;

    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);

    private static readonly Method<byte[], byte[]> SubmitRun = new(MethodType.Unary, "minimax.v1.Runs", "SubmitRun", Bytes, Bytes);

    // The same method as a client stream, so that the test decides when (if ever) the body ends.
    private static readonly Method<byte[], byte[]> SubmitRunStreamed = new(MethodType.ClientStreaming, "minimax.v1.Runs", "SubmitRun", Bytes, Bytes);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_large_request_without_a_key_is_unauthenticated(bool decodable)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => CallAsync(SubmitRunBytes(7 * MiB, decodable), authorization: null));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task A_call_without_a_key_is_answered_before_it_sends_any_body()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        // Headers only: the request stream is never written nor completed.
        using var call = silo.Channel.CreateCallInvoker().AsyncClientStreamingCall(SubmitRunStreamed, null, new CallOptions(cancellationToken: deadline.Token));

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task An_authenticated_undecodable_request_is_invalid_argument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => CallAsync(SubmitRunBytes(1024, decodable: false), $"Bearer {SecuredSiloFixture.KeyOf("alpha")}"));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("SubmitRunRequest: cannot be decoded", error.Status.Detail);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_authenticated_request_over_grpcs_message_limit_is_refused_by_grpc_undecoded(bool decodable)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => CallAsync(SubmitRunBytes(5 * MiB, decodable), $"Bearer {SecuredSiloFixture.KeyOf("alpha")}"));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    private async Task CallAsync(byte[] request, string? authorization)
    {
        var headers = authorization is null ? null : new Metadata { { "authorization", authorization } };
        await silo.Channel.CreateCallInvoker().AsyncUnaryCall(SubmitRun, null, new CallOptions(headers, DateTime.UtcNow.AddMinutes(1)), request);
    }

    /// <summary>
    /// An encoded SubmitRunRequest of about <paramref name="size"/> bytes whose spec_yaml is valid UTF-8,
    /// or not (a lone continuation byte) where the proto says string.
    /// </summary>
    private byte[] SubmitRunBytes(int size, bool decodable)
    {
        var spec = new byte[size];
        Array.Fill(spec, (byte)'#');
        if (!decodable)
        {
            spec[size / 2] = 0x80;
        }
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        output.WriteTag(SubmitRunRequest.SpecYamlFieldNumber, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(spec));
        output.WriteTag(SubmitRunRequest.SpecDirectoryFieldNumber, WireFormat.WireType.LengthDelimited);
        output.WriteString(silo.DataDirectory);
        output.Flush();
        return buffer.ToArray();
    }
}
