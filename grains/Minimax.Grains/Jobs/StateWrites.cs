using System.Runtime.Serialization;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Orleans.Storage;

namespace Minimax.Grains.Jobs;

/// <summary>
/// Writes grain state through storage trouble. An etag conflict (another activation or writer changed
/// the row) re-reads the row and applies the change again to what is stored; a transient failure writes
/// again after a short back-off. A change is a function of the state that returns false when there is
/// nothing to write (for example, the re-read row shows it done already), so it must be safe to apply to
/// a freshly read state: a terminal status is never overwritten, pointers only move forward.
/// </summary>
public static class StateWrites
{
    /// <summary>
    /// The largest state row written (Azure Table entities hold 1 MiB, a property 64 KiB): state that grows
    /// with groups, steps or stages belongs in documents (<see cref="JobDocuments"/>), never in the row.
    /// </summary>
    public const int MaxRowBytes = 64 * 1024;

    /// <summary>Writes (and re-reads) tried before giving up: 50 + 100 + 200 + 400 ms of back-off in all.</summary>
    public const int MaxAttempts = 5;

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Applies <paramref name="change"/> and writes it; true when written, false when the change had
    /// nothing to do. When the write still fails the in-memory state is re-read from storage (or, if that
    /// fails too, the activation is discarded through <paramref name="discardActivation"/>), so it never
    /// shows what storage lacks, and a <see cref="JobStateWriteException"/> is thrown.
    /// </summary>
    public static async Task<bool> WriteAsync<T>(
        IPersistentState<T> state, Func<T, bool> change, string what, ILogger logger, Action discardActivation, Serializer? sizer = null)
    {
        if (!change(state.State))
        {
            return false;
        }
        var reread = false;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (reread)
                {
                    await state.ReadStateAsync();
                    reread = false;
                    if (!change(state.State))
                    {
                        return false;
                    }
                }
                CheckRowSize(state.State, sizer);
                await state.WriteStateAsync();
                return true;
            }
            catch (Exception exception) when (attempt < MaxAttempts && (IsConflict(exception) || IsTransient(exception)))
            {
                if (IsConflict(exception))
                {
                    // Someone else wrote the row: read what they wrote and apply the change to that.
                    logger.LogWarning("{What}: storage conflict (attempt {Attempt}); re-reading the state", what, attempt);
                    reread = true;
                }
                else
                {
                    logger.LogWarning(exception, "{What}: storage failure (attempt {Attempt}); retrying", what, attempt);
                    await Task.Delay(FirstBackoff * (1 << (attempt - 1)));
                }
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "{What}: the state could not be written", what);
                await RestoreAsync(state, what, logger, discardActivation);
                throw new JobStateWriteException(
                    $"{what}: the state could not be written: {Unwrap(exception).Message}", IsTransient(exception), exception);
            }
        }
    }

    /// <summary>An etag mismatch: the row changed since this activation read or wrote it.</summary>
    public static bool IsConflict(Exception exception) => Unwrap(exception) is InconsistentStateException;

    /// <summary>
    /// Whether writing again may help: anything but a write that storage can never accept (a bad
    /// argument, an unsupported operation, state that does not serialize).
    /// </summary>
    public static bool IsTransient(Exception exception) => Unwrap(exception) is not (ArgumentException
        or JobStateTooLargeException
        or Azure.RequestFailedException { Status: 400 or 413 }
        or NotSupportedException
        or NotImplementedException
        or InvalidCastException
        or FormatException
        or SerializationException
        or SerializerException);

    // Orleans wraps a provider's own exception in a plain OrleansException ("Error from storage provider").
    private static Exception Unwrap(Exception exception)
    {
        while (exception.InnerException is { } inner
            && (exception is AggregateException || exception.GetType() == typeof(OrleansException)))
        {
            exception = inner;
        }
        return exception;
    }

    private static void CheckRowSize<T>(T value, Serializer? sizer)
    {
        if (sizer is not null && sizer.SerializeToArray(value).Length is var bytes and > MaxRowBytes)
        {
            throw new JobStateTooLargeException($"the state row would be {bytes} bytes, more than {MaxRowBytes}");
        }
    }

    private static async Task RestoreAsync<T>(IPersistentState<T> state, string what, ILogger logger, Action discardActivation)
    {
        try
        {
            await state.ReadStateAsync();
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "{What}: the state could not be re-read either; discarding the activation", what);
            discardActivation();
        }
    }
}
