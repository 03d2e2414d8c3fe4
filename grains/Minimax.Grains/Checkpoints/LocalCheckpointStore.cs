namespace Minimax.Grains.Checkpoints;

/// <summary>
/// Checkpoints as files under one folder (the embedded, zero-setup default). Each write goes to a
/// temporary file in the target's folder, is flushed to disk, then renamed over the target: a rename
/// within one file system is atomic, so a reader sees the old checkpoint or the new one, never a part.
/// </summary>
public sealed class LocalCheckpointStore : ICheckpointStore
{
    /// <summary>Relative to the working directory; configuration key Checkpoints:Path.</summary>
    public const string DefaultPath = ".minimax/checkpoints";

    private const string TemporarySuffix = ".partial";

    public LocalCheckpointStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
    }

    /// <summary>The folder, as an absolute path.</summary>
    public string Root { get; }

    public Task WriteAsync(string name, ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        WriteAsync(name, stream => stream.WriteAsync(data, cancellationToken).AsTask(), cancellationToken);

    public async Task WriteAsync(string name, Func<Stream, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var path = PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}{TemporarySuffix}";
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await write(stream);
                cancellationToken.ThrowIfCancellationRequested();
                // Durable before it becomes visible: after a crash the name points to complete bytes.
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    public async Task<byte[]?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        var path = PathOf(name);
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public Task<Stream?> OpenReadAsync(string name, CancellationToken cancellationToken)
    {
        var path = PathOf(name);
        try
        {
            return Task.FromResult<Stream?>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task DeleteAsync(string prefix, CancellationToken cancellationToken)
    {
        CheckpointName.Validate(prefix, nameof(prefix));
        // Only the prefix's own folder is looked at: "run-1/" is that folder, "run-1/step-" the entries in it
        // whose names start so (a folder among them goes whole, since every name under it has the prefix).
        var split = prefix.LastIndexOf('/');
        var folder = Path.Combine(Root, prefix[..Math.Max(split, 0)].Replace('/', Path.DirectorySeparatorChar));
        var start = prefix[(split + 1)..];
        if (!Directory.Exists(folder))
        {
            return Task.CompletedTask;
        }
        if (start.Length == 0)
        {
            Directory.Delete(folder, recursive: true);
            return Task.CompletedTask;
        }
        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos($"{start}*"))
        {
            cancellationToken.ThrowIfCancellationRequested();
            // The pattern is a glob; the prefix is matched exactly.
            if (!entry.Name.StartsWith(start, StringComparison.Ordinal))
            {
                continue;
            }
            if (entry is DirectoryInfo directory && !directory.Attributes.HasFlag(FileAttributes.ReparsePoint))
            {
                directory.Delete(recursive: true);
            }
            else
            {
                entry.Delete();
            }
        }
        return Task.CompletedTask;
    }

    private string PathOf(string name)
    {
        CheckpointName.Validate(name, nameof(name));
        if (name.EndsWith(TemporarySuffix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Checkpoint name '{name}' must not end with '{TemporarySuffix}'.", nameof(name));
        }
        return Path.Combine(Root, name.Replace('/', Path.DirectorySeparatorChar));
    }
}
