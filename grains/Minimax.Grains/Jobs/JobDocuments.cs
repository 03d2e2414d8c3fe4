using Minimax.Grains.Checkpoints;
using Orleans.Serialization;

namespace Minimax.Grains.Jobs;

/// <summary>
/// What a job keeps that may grow (its spec, result, progress history): serialized documents in the
/// checkpoint store (a local folder or Azure Blobs), so grain state rows stay small whatever the job.
/// A document is visible only once written completely.
/// </summary>
public sealed class JobDocuments(ICheckpointStore store, Serializer serializer)
{
    public Serializer Serializer => serializer;

    public static string NameOf(string jobId, string document) => $"{jobId}/job/{document}";

    public Task WriteAsync<T>(string jobId, string document, T value) =>
        store.WriteAsync(NameOf(jobId, document), serializer.SerializeToArray(value), CancellationToken.None);

    /// <summary>Everything the job stored under its id: documents, checkpoints and final model.</summary>
    public Task DeleteJobAsync(string jobId) => store.DeleteAsync($"{jobId}/", CancellationToken.None);

    /// <summary>The document, or null when it was never written.</summary>
    public async Task<T?> ReadAsync<T>(string jobId, string document)
        where T : class =>
        await store.ReadAsync(NameOf(jobId, document), CancellationToken.None) is { } bytes ? serializer.Deserialize<T>(bytes) : null;
}
