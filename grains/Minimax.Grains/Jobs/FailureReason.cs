using System.Text.RegularExpressions;
using Minimax.Engine.Data;
using Minimax.Grains.Training;

namespace Minimax.Grains.Jobs;

/// <summary>
/// Turns an exception from a job's work into one readable line a user can act on: no native stack
/// traces, frames or addresses (the whole exception goes to the silo log).
/// </summary>
public static partial class FailureReason
{
    public const int MaxLength = 500;

    public static string Describe(Exception exception)
    {
        while (exception is AggregateException { InnerException: { } inner })
        {
            exception = inner;
        }
        return OneLine(exception switch
        {
            DataException data => $"data: {data.Message}",
            TrainingDivergedException diverged => diverged.Message,
            ArgumentException argument => argument.Message,
            OutOfMemoryException => "out of memory: lower training.batch_size or the model width",
            _ => $"{exception.GetType().Name}: {exception.Message}",
        });
    }

    /// <summary>The first line of <paramref name="text"/>, native addresses elided, at most <see cref="MaxLength"/> characters.</summary>
    public static string OneLine(string text)
    {
        var line = text.Split(['\r', '\n'], 2)[0];
        // libtorch appends "Exception raised from <function> at <file>:<line>" to its messages.
        var native = line.IndexOf(" Exception raised from ", StringComparison.Ordinal);
        line = Address().Replace(native >= 0 ? line[..native] : line, "0x…").Trim();
        return line.Length <= MaxLength ? line : string.Concat(line.AsSpan(0, MaxLength - 1), "…");
    }

    [GeneratedRegex("0x[0-9a-fA-F]{6,}")]
    private static partial Regex Address();
}
