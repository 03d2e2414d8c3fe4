using System.Net;
using Minimax.Testing;

namespace Minimax.EndToEnd.Tests;

/// <summary>
/// A stand-in OTLP/HTTP collector on loopback: it keeps the protobuf body of every POST to /v1/traces and answers
/// 200 with an empty (valid) export response. Tests look for a trace id's 16 bytes in what arrived.
/// </summary>
public sealed class OtlpReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<byte[]> _bodies = [];
    private TaskCompletionSource _received = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public OtlpReceiver()
    {
        Endpoint = $"http://127.0.0.1:{SiloProcess.FreePort()}";
        _listener.Prefixes.Add(Endpoint + "/");
        _listener.Start();
        _ = ServeAsync();
    }

    /// <summary>The value for OTEL_EXPORTER_OTLP_ENDPOINT (with OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf).</summary>
    public string Endpoint { get; }

    /// <summary>Waits until a trace export holding <paramref name="traceId"/> has arrived.</summary>
    public async Task WaitForTraceAsync(System.Diagnostics.ActivityTraceId traceId, TimeSpan timeout)
    {
        var id = new byte[16];
        traceId.CopyTo(id);
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            Task next;
            lock (_bodies)
            {
                if (_bodies.Any(body => body.AsSpan().IndexOf(id) >= 0))
                {
                    return;
                }
                next = _received.Task;
            }
            try
            {
                await next.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no OTLP trace export with trace {traceId} arrived within {timeout} ({_bodies.Count} exports)");
            }
        }
    }

    public void Dispose() => _listener.Close();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
            if (context.Request.Url?.AbsolutePath == "/v1/traces")
            {
                lock (_bodies)
                {
                    _bodies.Add(body.ToArray());
                    _received.TrySetResult();
                    _received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }
        }
    }
}
