using Grpc.Core;
using Minimax.Contracts.Api;

namespace Minimax.Client.Tests;

/// <summary>A WatchJob response stream from a list, without a server.</summary>
internal sealed class EventStream(params JobEvent[] events) : IAsyncStreamReader<JobEvent>
{
    private int _next = -1;

    public JobEvent Current => events[_next];

    /// <summary>How many events the reader has taken.</summary>
    public int Read => _next + 1;

    public Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_next + 1 >= events.Length)
        {
            return Task.FromResult(false);
        }

        _next++;
        return Task.FromResult(true);
    }
}
