using Minimax.Contracts.Api;

namespace Minimax.Client.Jobs;

/// <summary>
/// A job's warnings (a run's groups expected less than once per batch), each shown once as soon as a progress
/// event or the report carries it: one line <c>warning: ...</c> each, on stderr unless told otherwise.
/// </summary>
public sealed class JobWarnings
{
    private readonly JobRenderers _renderers;
    private readonly HashSet<string> _shown;
    private readonly Action<string> _write;

    public JobWarnings(JobRenderers renderers, Action<string>? write = null)
        : this(renderers, new HashSet<string>(StringComparer.Ordinal), write ?? ToStandardError)
    {
    }

    private JobWarnings(JobRenderers renderers, HashSet<string> shown, Action<string> write)
    {
        _renderers = renderers;
        _shown = shown;
        _write = write;
    }

    /// <summary>The same warnings, shown once across both, written elsewhere (above a terminal's live bars).</summary>
    public JobWarnings WritingTo(Action<string> write) => new(_renderers, _shown, write);

    public void From(JobProgress progress) => Show(_renderers.Find(progress.Kind)?.Warnings(progress) ?? []);

    public void From(JobReport report) => Show(_renderers.Find(report.Kind)?.Warnings(report) ?? []);

    private void Show(IReadOnlyList<string> warnings)
    {
        foreach (var warning in warnings.Where(_shown.Add))
        {
            _write($"warning: {warning}");
        }
    }

    private static void ToStandardError(string line)
    {
        Console.Error.WriteLine(line);
        Console.Error.Flush();
    }
}
