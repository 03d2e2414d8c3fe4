using Azure.Storage.Blobs;
using Minimax.Grains.Checkpoints;

namespace Minimax.Storage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class BlobCheckpointStoreTests(AzuriteFixture azurite) : CheckpointStoreContract
{
    private readonly BlobServiceClient _service = new(azurite.Server.ConnectionString);
    private BlobCheckpointStore? _store;

    protected override ICheckpointStore Store => _store ??= new BlobCheckpointStore(_service);

    [Fact]
    public async Task Checkpoints_are_blobs_in_the_checkpoints_container()
    {
        await Store.WriteAsync($"{Prefix}/step-000003", Bytes(64, 3), CancellationToken.None);

        var blob = _service.GetBlobContainerClient(BlobCheckpointStore.ContainerName).GetBlobClient($"{Prefix}/step-000003");
        Assert.True(await blob.ExistsAsync());
        Assert.Equal(64, (await blob.GetPropertiesAsync()).Value.ContentLength);
    }
}
