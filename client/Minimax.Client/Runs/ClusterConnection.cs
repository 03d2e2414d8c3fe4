using Grpc.Net.Client;
using Minimax.Contracts.Api;
using Minimax.Silo;
using RunsClient = Minimax.Contracts.Api.Runs.RunsClient;

namespace Minimax.Client.Runs;

/// <summary>A gRPC channel to a cluster at a URL, or to an embedded one-silo cluster this process starts.</summary>
internal sealed class ClusterConnection : IAsyncDisposable
{
    private readonly GrpcChannel _channel;
    private readonly EmbeddedCluster? _embedded;

    private ClusterConnection(Uri address, EmbeddedCluster? embedded)
    {
        Address = address;
        _channel = OpenChannel(address);
        _embedded = embedded;
        Client = new RunsClient(_channel);
    }

    public RunsClient Client { get; }

    public Uri Address { get; }

    public bool IsEmbedded => _embedded is not null;

    public static ClusterConnection Connect(Uri address) => new(address, embedded: null);

    public static async Task<ClusterConnection> StartEmbeddedAsync(CancellationToken cancellationToken)
    {
        var cluster = await EmbeddedCluster.StartAsync(cancellationToken);
        return new ClusterConnection(cluster.Address, cluster);
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

    private static GrpcChannel OpenChannel(Uri address) =>
        GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            ThrowOperationCanceledOnCancellation = true,
            HttpHandler = new SocketsHttpHandler
            {
                ConnectTimeout = TimeSpan.FromSeconds(10),
                // WatchRun streams stay open for the whole run; pings keep idle proxies from dropping them.
                KeepAlivePingDelay = TimeSpan.FromSeconds(30),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(15),
                PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
                EnableMultipleHttp2Connections = true,
            },
        });
}
