using Minimax.Grains.Checkpoints;

namespace Minimax.Storage.Tests;

public sealed class LocalCheckpointStoreTests : CheckpointStoreContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("minimax-checkpoints-").FullName;
    private readonly LocalCheckpointStore _store;

    public LocalCheckpointStoreTests() => _store = new LocalCheckpointStore(Path.Combine(_folder, "store"));

    protected override ICheckpointStore Store => _store;

    [Fact]
    public async Task A_write_leaves_only_the_checkpoint_file_behind()
    {
        await Store.WriteAsync($"{Prefix}/step-000001", Bytes(1000, 1), CancellationToken.None);
        await Store.WriteAsync($"{Prefix}/step-000001", Bytes(2000, 2), CancellationToken.None);

        var files = Directory.GetFiles(_store.Root, "*", SearchOption.AllDirectories);
        Assert.Equal([Path.Combine(_store.Root, "runs", Prefix["runs/".Length..], "step-000001")], files);
    }

    [Fact]
    public async Task A_cancelled_write_keeps_the_previous_checkpoint_and_no_partial_file()
    {
        var name = $"{Prefix}/latest";
        var first = Bytes(100, 1);
        await Store.WriteAsync(name, first, CancellationToken.None);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.WriteAsync(name, Bytes(1_000_000, 2), cancelled.Token));

        Assert.Equal(first, await Store.ReadAsync(name, CancellationToken.None));
        Assert.Single(Directory.GetFiles(_store.Root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Deleting_a_job_prefix_removes_its_folder_and_looks_at_no_other()
    {
        await Store.WriteAsync($"{Prefix}/job-1/step-000001", Bytes(10, 1), CancellationToken.None);
        await Store.WriteAsync($"{Prefix}/job-1/job/spec", Bytes(10, 2), CancellationToken.None);
        await Store.WriteAsync($"{Prefix}/job-2/step-000001", Bytes(10, 3), CancellationToken.None);
        // Another job's folder that a walk over the whole store cannot get through: a link cycle.
        var other = Path.Combine(_store.Root, "runs", Prefix["runs/".Length..], "job-2");
        Directory.CreateSymbolicLink(Path.Combine(other, "cycle"), other);

        await Store.DeleteAsync($"{Prefix}/job-1/", CancellationToken.None);

        Assert.False(Directory.Exists(Path.Combine(_store.Root, "runs", Prefix["runs/".Length..], "job-1")), "the job's folder stays behind");
        Assert.Equal(Bytes(10, 3), await Store.ReadAsync($"{Prefix}/job-2/step-000001", CancellationToken.None));
    }

    [Fact]
    public void A_relative_folder_is_resolved_against_the_working_directory()
    {
        var store = new LocalCheckpointStore(LocalCheckpointStore.DefaultPath);

        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), ".minimax", "checkpoints"), store.Root);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
