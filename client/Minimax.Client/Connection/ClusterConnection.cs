using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Grpc.Net.Client.Configuration;
using ClusterClient = Minimax.Contracts.Api.Cluster.ClusterClient;
using JobsClient = Minimax.Contracts.Api.Jobs.JobsClient;

namespace Minimax.Client.Connection;

/// <summary>
/// A gRPC channel to a cluster (http:// or https://, then TLS with the system's trusted roots) and the
/// Jobs and Cluster clients on it; the API key, if any, goes with every call.
/// </summary>
public sealed class ClusterConnection : IDisposable
{
    private readonly GrpcChannel _channel;

    private ClusterConnection(Uri address, string? apiKey)
    {
        Address = address;
        _channel = OpenChannel(address);
        var invoker = apiKey is null ? _channel.CreateCallInvoker() : _channel.Intercept(WithApiKey(apiKey));
        Jobs = new JobsClient(invoker);
        Cluster = new ClusterClient(invoker);
    }

    public JobsClient Jobs { get; }

    public ClusterClient Cluster { get; }

    public Uri Address { get; }

    public static ClusterConnection Connect(Uri address, string? apiKey = null) => new(address, apiKey);

    /// <summary>Parses a --cluster value; null when it is not an absolute http(s) URL.</summary>
    public static Uri? ParseAddress(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : null;

    /// <summary>The largest reply the client reads (gRPC's default is 4 MiB).</summary>
    public const int MaxReportBytes = 64 << 20;

    public void Dispose() => _channel.Dispose();

    private static Func<Metadata, Metadata> WithApiKey(string apiKey) => metadata =>
    {
        metadata.Add("authorization", $"Bearer {apiKey}");
        return metadata;
    };

    private static GrpcChannel OpenChannel(Uri address) =>
        GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            ThrowOperationCanceledOnCancellation = true,
            // A report of a run over the most groups the data readers allow (65,536) is about 4.5 MB.
            MaxReceiveMessageSize = MaxReportBytes,
            // A dropped connection is retried; submits carry a request id, so a retried submit returns the same job.
            ServiceConfig = new ServiceConfig
            {
                MethodConfigs =
                {
                    new MethodConfig
                    {
                        Names = { MethodName.Default },
                        RetryPolicy = new RetryPolicy
                        {
                            MaxAttempts = 3,
                            InitialBackoff = TimeSpan.FromMilliseconds(200),
                            MaxBackoff = TimeSpan.FromSeconds(2),
                            BackoffMultiplier = 2,
                            RetryableStatusCodes = { StatusCode.Unavailable },
                        },
                    },
                },
            },
            HttpHandler = new SocketsHttpHandler
            {
                ConnectTimeout = TimeSpan.FromSeconds(10),
                // WatchJob streams stay open for the whole job; pings keep idle proxies from dropping them.
                KeepAlivePingDelay = TimeSpan.FromSeconds(30),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(15),
                PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
                EnableMultipleHttp2Connections = true,
            },
        });
}
