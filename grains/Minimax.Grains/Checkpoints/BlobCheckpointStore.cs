using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Minimax.Grains.Checkpoints;

/// <summary>
/// Checkpoints as block blobs in one container (<see cref="ContainerName"/>, created on first use). An
/// upload is committed as a whole (a single Put Blob, or Put Block List after the blocks, also when it is
/// streamed through <see cref="StagedBlockStream"/>), so a reader sees the previous blob or the new one,
/// never a partial checkpoint.
/// </summary>
public sealed class BlobCheckpointStore : ICheckpointStore
{
    public const string ContainerName = "checkpoints";

    private readonly BlobContainerClient _container;
    private volatile bool _containerExists;

    public BlobCheckpointStore(BlobServiceClient service)
    {
        ArgumentNullException.ThrowIfNull(service);
        _container = service.GetBlobContainerClient(ContainerName);
    }

    public async Task WriteAsync(string name, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        CheckpointName.Validate(name, nameof(name));
        await EnsureContainerAsync(cancellationToken);
        await _container.GetBlobClient(name).UploadAsync(new BinaryData(data), overwrite: true, cancellationToken);
    }

    public async Task WriteAsync(string name, Func<Stream, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        CheckpointName.Validate(name, nameof(name));
        await EnsureContainerAsync(cancellationToken);
        await using var stream = new StagedBlockStream(_container.GetBlockBlobClient(name));
        await write(stream);
        await stream.CommitAsync(cancellationToken);
    }

    public async Task<Stream?> OpenReadAsync(string name, CancellationToken cancellationToken)
    {
        CheckpointName.Validate(name, nameof(name));
        await EnsureContainerAsync(cancellationToken);
        try
        {
            return await _container.GetBlobClient(name).OpenReadAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<byte[]?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        CheckpointName.Validate(name, nameof(name));
        await EnsureContainerAsync(cancellationToken);
        try
        {
            var content = await _container.GetBlobClient(name).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToArray();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string prefix, CancellationToken cancellationToken)
    {
        CheckpointName.Validate(prefix, nameof(prefix));
        await EnsureContainerAsync(cancellationToken);
        await foreach (var blob in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken))
        {
            await _container.DeleteBlobIfExistsAsync(blob.Name, DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
        }
    }

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        // Idempotent, so concurrent first calls may both create; a failure is retried on the next call.
        if (!_containerExists)
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _containerExists = true;
        }
    }
}
