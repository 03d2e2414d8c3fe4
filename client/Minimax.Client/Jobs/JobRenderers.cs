using Minimax.Client.Evaluations;
using Minimax.Client.Mixtures;
using Minimax.Client.Runs;
using Minimax.Client.Sweeps;

namespace Minimax.Client.Jobs;

/// <summary>The renderers by kind: the one table the client dispatches on; no other code names a kind.</summary>
public sealed class JobRenderers
{
    private readonly Dictionary<string, IJobRenderer> _byKind;

    public JobRenderers(IReadOnlyList<IJobRenderer> renderers)
    {
        _byKind = renderers.ToDictionary(r => r.Kind, StringComparer.Ordinal);
        Kinds = [.. renderers.Select(r => r.Kind)];
        All = renderers;
    }

    /// <summary>Every kind the platform has: train (the default), doremi, evaluation, sweep.</summary>
    public static JobRenderers Default { get; } = new([new TrainRenderer(), new DoremiRenderer(), new EvaluationRenderer(), new SweepRenderer()]);

    /// <summary>The kinds in registration order; the first is the default kind of a spec without one.</summary>
    public IReadOnlyList<string> Kinds { get; }

    public IReadOnlyList<IJobRenderer> All { get; }

    public IJobRenderer? Find(string kind) => _byKind.GetValueOrDefault(kind);

    /// <summary>"train, doremi, evaluation or sweep": the kinds for a message.</summary>
    public string KindList() => Or(Kinds);

    /// <summary>"a, b or c".</summary>
    public static string Or(IReadOnlyList<string> words) =>
        words.Count < 2 ? string.Concat(words) : $"{string.Join(", ", words.Take(words.Count - 1))} or {words[^1]}";

    /// <summary>One line for a reply of a kind this client has no renderer for (a newer cluster).</summary>
    public string Unknown(string jobId, string kind) =>
        $"error: job {jobId} is of kind '{kind}', which this client cannot show (it knows {KindList()}); update minimax";
}
