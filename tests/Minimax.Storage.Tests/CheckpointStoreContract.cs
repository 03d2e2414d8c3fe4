using Minimax.Grains.Checkpoints;

namespace Minimax.Storage.Tests;

/// <summary>The behaviour every <see cref="ICheckpointStore"/> owes the coordinator, run against each store.</summary>
public abstract class CheckpointStoreContract
{
    protected abstract ICheckpointStore Store { get; }

    /// <summary>A fresh prefix per test, so tests sharing one store never see each other's checkpoints.</summary>
    protected string Prefix { get; } = $"runs/run-{Guid.NewGuid():N}";

    [Fact]
    public async Task A_written_checkpoint_reads_back_byte_for_byte()
    {
        var data = Bytes(300_000, seed: 1);

        await Store.WriteAsync($"{Prefix}/step-000010", data, CancellationToken.None);

        Assert.Equal(data, await Store.ReadAsync($"{Prefix}/step-000010", CancellationToken.None));
    }

    [Fact]
    public async Task Writing_a_name_again_replaces_the_checkpoint()
    {
        await Store.WriteAsync($"{Prefix}/latest", Bytes(5000, seed: 1), CancellationToken.None);
        var second = Bytes(70, seed: 2);

        await Store.WriteAsync($"{Prefix}/latest", second, CancellationToken.None);

        Assert.Equal(second, await Store.ReadAsync($"{Prefix}/latest", CancellationToken.None));
    }

    [Fact]
    public async Task A_streamed_checkpoint_of_several_blocks_reads_back_byte_for_byte_and_is_hidden_until_complete()
    {
        var name = $"{Prefix}/step-000020";
        var previous = Bytes(100, seed: 3);
        await Store.WriteAsync(name, previous, CancellationToken.None);
        // More than two of the blob store's blocks, written in odd-sized pieces, synchronously and asynchronously.
        var data = Bytes(9 * 1024 * 1024 + 17, seed: 4);
        byte[]? seenWhileWriting = null;

        await Store.WriteAsync(name, async stream =>
        {
            stream.Write(data, 0, 5 * 1024 * 1024 + 3);
            seenWhileWriting = await Store.ReadAsync(name, CancellationToken.None);
            await stream.WriteAsync(data.AsMemory(5 * 1024 * 1024 + 3));
        }, CancellationToken.None);

        Assert.Equal(previous, seenWhileWriting);
        Assert.Equal(data, await Store.ReadAsync(name, CancellationToken.None));
        await using var read = await Store.OpenReadAsync(name, CancellationToken.None);
        Assert.NotNull(read);
        var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.Equal(data, copy.ToArray());
    }

    [Fact]
    public async Task A_streamed_write_that_fails_midway_keeps_the_previous_checkpoint()
    {
        var name = $"{Prefix}/step-000030";
        var previous = Bytes(100, seed: 5);
        await Store.WriteAsync(name, previous, CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.WriteAsync(name, async stream =>
        {
            await stream.WriteAsync(Bytes(6 * 1024 * 1024, seed: 6));
            throw new InvalidOperationException("the producer failed");
        }, CancellationToken.None));

        Assert.Equal(previous, await Store.ReadAsync(name, CancellationToken.None));
        Assert.Null(await Store.OpenReadAsync($"{Prefix}/never-written", CancellationToken.None));
    }

    [Fact]
    public async Task A_missing_checkpoint_reads_as_null()
    {
        Assert.Null(await Store.ReadAsync($"{Prefix}/never-written", CancellationToken.None));
    }

    [Fact]
    public async Task An_empty_checkpoint_is_not_a_missing_one()
    {
        await Store.WriteAsync($"{Prefix}/empty", ReadOnlyMemory<byte>.Empty, CancellationToken.None);
        var read = await Store.ReadAsync($"{Prefix}/empty", CancellationToken.None);

        Assert.NotNull(read);
        Assert.Empty(read);
    }

    [Fact]
    public async Task Delete_removes_every_name_with_the_prefix_and_nothing_else()
    {
        var other = $"{Prefix}-other/step-000001";
        await Store.WriteAsync($"{Prefix}/a/step-000001", Bytes(10, 1), CancellationToken.None);
        await Store.WriteAsync($"{Prefix}/a/step-000002", Bytes(10, 2), CancellationToken.None);
        await Store.WriteAsync($"{Prefix}/b/step-000001", Bytes(10, 3), CancellationToken.None);
        await Store.WriteAsync(other, Bytes(10, 4), CancellationToken.None);

        await Store.DeleteAsync($"{Prefix}/a/", CancellationToken.None);

        Assert.Null(await Store.ReadAsync($"{Prefix}/a/step-000001", CancellationToken.None));
        Assert.Null(await Store.ReadAsync($"{Prefix}/a/step-000002", CancellationToken.None));
        Assert.Equal(Bytes(10, 3), await Store.ReadAsync($"{Prefix}/b/step-000001", CancellationToken.None));
        Assert.Equal(Bytes(10, 4), await Store.ReadAsync(other, CancellationToken.None));

        await Store.DeleteAsync(Prefix, CancellationToken.None);

        Assert.Null(await Store.ReadAsync($"{Prefix}/b/step-000001", CancellationToken.None));
        Assert.Null(await Store.ReadAsync(other, CancellationToken.None));
    }

    [Fact]
    public async Task Deleting_a_prefix_with_no_checkpoints_is_a_no_op()
    {
        await Store.DeleteAsync($"{Prefix}/nothing-here", CancellationToken.None);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/absolute")]
    [InlineData("runs/../escape")]
    [InlineData("..")]
    [InlineData("runs\\step")]
    public async Task Names_that_could_escape_the_store_are_refused(string name)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.WriteAsync(name, Bytes(1, 1), CancellationToken.None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.ReadAsync(name, CancellationToken.None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.DeleteAsync(name, CancellationToken.None));
    }

    protected static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
