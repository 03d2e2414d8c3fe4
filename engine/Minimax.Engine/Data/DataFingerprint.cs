using System.Globalization;
using System.Text;
using System.Text.Json;
using Minimax.Engine.Files;

namespace Minimax.Engine.Data;

/// <summary>
/// What a parse depends on: the parsing options and, for each file read, its physical path, size and last write
/// time. Each file is opened through the caller's data roots to stamp it, so computing a fingerprint is also the
/// check that the caller may read every file (and the same errors as a reader's for one it may not).
/// </summary>
public static class DataFingerprint
{
    public static string Of(object options, IEnumerable<string> files, DataRoots roots)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(roots);
        var key = new StringBuilder(JsonSerializer.Serialize(options, options.GetType()));
        foreach (var file in files)
        {
            using var stream = roots.OpenRead(file);
            var handle = stream.SafeFileHandle;
            key.Append('\n')
                .Append(FileNodes.PathOf(handle) ?? roots.Confine(file))
                .Append('\t')
                .Append(RandomAccess.GetLength(handle).ToString(CultureInfo.InvariantCulture))
                .Append('\t')
                .Append(File.GetLastWriteTimeUtc(handle).Ticks.ToString(CultureInfo.InvariantCulture));
        }

        return key.ToString();
    }
}
