namespace Minimax.Grains.Checkpoints;

/// <summary>
/// Where checkpoints live: a local folder on one machine, Azure Blob storage for a cluster. A written
/// checkpoint is visible only once complete, so run state can point to it safely.
/// </summary>
public interface ICheckpointStore
{
    Task WriteAsync(string name, ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a checkpoint as <paramref name="write"/> produces it, in chunks, never whole in memory. It becomes
    /// visible once <paramref name="write"/> has returned and everything is stored; if it throws, the previous
    /// checkpoint of that name (if any) stays. The stream may be written synchronously (from a tensor thread).
    /// </summary>
    Task WriteAsync(string name, Func<Stream, Task> write, CancellationToken cancellationToken);

    /// <summary>The checkpoint's bytes, or null when there is none of that name.</summary>
    Task<byte[]?> ReadAsync(string name, CancellationToken cancellationToken);

    /// <summary>A stream over the checkpoint (the caller disposes it), or null when there is none of that name.</summary>
    Task<Stream?> OpenReadAsync(string name, CancellationToken cancellationToken);

    /// <summary>Deletes every checkpoint whose name starts with <paramref name="prefix"/>.</summary>
    Task DeleteAsync(string prefix, CancellationToken cancellationToken);
}
