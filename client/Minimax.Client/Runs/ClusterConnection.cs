using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Grpc.Net.Client.Configuration;
using Minimax.Contracts.Api;
using Minimax.Silo;
using MixturesClient = Minimax.Contracts.Api.Mixtures.MixturesClient;
using RunsClient = Minimax.Contracts.Api.Runs.RunsClient;

namespace Minimax.Client.Runs;

/// <summary>A gRPC channel to a cluster at a URL, or to an embedded one-silo cluster this process starts.</summary>
internal sealed class ClusterConnection : IAsyncDisposable
{
    private readonly GrpcChannel _channel;
    private readonly EmbeddedCluster? _embedded;

    private ClusterConnection(Uri address, string? apiKey, EmbeddedCluster? embedded)
    {
        Address = address;
        _channel = OpenChannel(address);
        _embedded = embedded;
        var invoker = apiKey is null ? _channel.CreateCallInvoker() : _channel.Intercept(WithApiKey(apiKey));
        Client = new RunsClient(invoker);
        Mixtures = new MixturesClient(invoker);
    }

    public RunsClient Client { get; }

    /// <summary>The Mixtures service (DoReMi jobs) on the same channel.</summary>
    public MixturesClient Mixtures { get; }

    public Uri Address { get; }

    public bool IsEmbedded => _embedded is not null;

    /// <summary>A channel to a cluster; <paramref name="apiKey"/>, if any, goes with every call.</summary>
    public static ClusterConnection Connect(Uri address, string? apiKey = null) => new(address, apiKey, embedded: null);

    public static async Task<ClusterConnection> StartEmbeddedAsync(CancellationToken cancellationToken)
    {
        var cluster = await EmbeddedCluster.StartAsync(cancellationToken);
        // The embedded cluster runs with Auth:Mode none on loopback: no key.
        return new ClusterConnection(cluster.Address, apiKey: null, cluster);
    }

    /// <summary>Parses a --cluster value; null when it is not an absolute http(s) URL.</summary>
    public static Uri? ParseAddress(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : null;

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        if (_embedded is not null)
        {
            await _embedded.DisposeAsync();
        }
    }

    private static Func<Metadata, Metadata> WithApiKey(string apiKey) => metadata =>
    {
        metadata.Add("authorization", $"Bearer {apiKey}");
        return metadata;
    };

    private static GrpcChannel OpenChannel(Uri address) =>
        GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            ThrowOperationCanceledOnCancellation = true,
            // A dropped connection is retried; submits carry a request id, so a retried submit returns the same run.
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
                // WatchRun and WatchMixture streams stay open for the whole job; pings keep idle proxies from dropping them.
                KeepAlivePingDelay = TimeSpan.FromSeconds(30),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(15),
                PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
                EnableMultipleHttp2Connections = true,
            },
        });
}
