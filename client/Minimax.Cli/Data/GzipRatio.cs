using System.IO.Compression;

namespace Minimax.Cli.Data;

/// <summary>Compressed size over raw size: a rough, model-free measure of how predictable bytes are.</summary>
internal static class GzipRatio
{
    public static double Of(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return 0;
        }

        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return (double)buffer.Length / bytes.Length;
    }
}
