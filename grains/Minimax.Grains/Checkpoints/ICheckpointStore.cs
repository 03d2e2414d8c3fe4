namespace Minimax.Grains.Checkpoints;

/// <summary>
/// Where checkpoints live: a local folder on one machine, Azure Blob storage for a cluster. A written
/// checkpoint is visible only once complete, so run state can point to it safely.
/// </summary>
public interface ICheckpointStore
{
    Task WriteAsync(string name, ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>The checkpoint's bytes, or null when there is none of that name.</summary>
    Task<byte[]?> ReadAsync(string name, CancellationToken cancellationToken);

    /// <summary>Deletes every checkpoint whose name starts with <paramref name="prefix"/>.</summary>
    Task DeleteAsync(string prefix, CancellationToken cancellationToken);
}
