using System.Text;
using Azure.Storage.Blobs.Specialized;

namespace Minimax.Grains.Checkpoints;

/// <summary>
/// A write-only stream that uploads a block blob as uncommitted blocks of <see cref="BlockSize"/> bytes and
/// commits the block list only in <see cref="CommitAsync"/>: until then readers see the previous blob (or none),
/// never a part. (BlockBlobClient.OpenWrite would first replace the blob with an empty one.) Synchronous writes
/// stage synchronously, so a tensor thread can write into it without blocking on an async call.
/// </summary>
internal sealed class StagedBlockStream(BlockBlobClient blob) : Stream
{
    public const int BlockSize = 4 << 20;

    private readonly string _upload = Guid.NewGuid().ToString("N");
    private readonly List<string> _blocks = [];
    private readonly byte[] _buffer = new byte[BlockSize];
    private int _filled;
    private long _length;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var taken = Take(buffer);
            buffer = buffer[taken..];
            if (_filled == BlockSize)
            {
                using var block = new MemoryStream(_buffer, 0, _filled, writable: false);
                blob.StageBlock(NextBlockId(), block);
                _filled = 0;
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            var taken = Take(buffer.Span);
            buffer = buffer[taken..];
            if (_filled == BlockSize)
            {
                await StageAsync(cancellationToken);
            }
        }
    }

    /// <summary>Stages what is buffered and commits every block in order: the blob now holds exactly what was written.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_filled > 0)
        {
            await StageAsync(cancellationToken);
        }
        await blob.CommitBlockListAsync(_blocks, cancellationToken: cancellationToken);
    }

    public override void Flush()
    {
        // Blocks are staged when full and committed by CommitAsync alone.
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private int Take(ReadOnlySpan<byte> source)
    {
        var taken = Math.Min(source.Length, BlockSize - _filled);
        source[..taken].CopyTo(_buffer.AsSpan(_filled));
        _filled += taken;
        _length += taken;
        return taken;
    }

    private async Task StageAsync(CancellationToken cancellationToken)
    {
        using var block = new MemoryStream(_buffer, 0, _filled, writable: false);
        await blob.StageBlockAsync(NextBlockId(), block, cancellationToken: cancellationToken);
        _filled = 0;
    }

    // Block ids of one blob must all have the same length; the upload's own prefix keeps a failed upload's
    // uncommitted blocks out of this one's list.
    private string NextBlockId()
    {
        var id = Convert.ToBase64String(Encoding.ASCII.GetBytes($"{_upload}{_blocks.Count:D8}"));
        _blocks.Add(id);
        return id;
    }
}
