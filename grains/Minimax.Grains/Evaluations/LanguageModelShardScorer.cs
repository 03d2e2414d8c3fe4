using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Engine.Files;
using Minimax.Engine.Metrics;
using Minimax.Engine.Models;
using Minimax.Engine.Text;
using Minimax.Grains.Training;

namespace Minimax.Grains.Evaluations;

/// <summary>
/// Scores language-model runs on one shard of a text corpus's held-out windows, cut with each run's own
/// context: per-domain token counts, correct next tokens and loss sums.
/// </summary>
internal sealed class LanguageModelShardScorer(EvaluationSpec spec, DataRoots roots, int shard, int shardCount) : IShardScorer
{
    // Windows depend on the context, so the corpus is read once per distinct context.
    private readonly Dictionary<int, TextCorpus> corpora = [];
    private IReadOnlyList<string> domains = [];

    public ModelScores Score(LoadedModel loaded)
    {
        var run = loaded.Model;
        if (run.Run.Data.Tokenizer != spec.Data.Tokenizer)
        {
            throw new ArgumentException(
                $"{loaded.Field}: run '{run.RunId}' was trained with the {SpecNames.Of(run.Run.Data.Tokenizer)} tokenizer, but data.tokenizer is {SpecNames.Of(spec.Data.Tokenizer)}");
        }

        var context = run.Run.Model.Context;
        if (!corpora.TryGetValue(context, out var corpus))
        {
            corpus = EvaluationData.Read(() => TextCorpusReader.Read(spec.Data.ToTextDataOptions(context, roots)), spec);
            corpora.Add(context, corpus);
        }

        domains = corpus.Domains;
        var options = run.Run.Model.ToTransformerOptions(corpus.VocabularySize);
        using var model = new TransformerLm(options);
        loaded.LoadInto(model);
        var (start, count) = EngineOptions.ShardRange(corpus.Heldout.Count, shard, shardCount);
        var tally = count == 0
            ? new GroupTally(corpus.DomainCount)
            : LmEvaluator.Tally(model, corpus.Heldout.Slice(start, count), corpus.DomainCount, EngineOptions.EvaluationBatch(options));
        return new ModelScores(run.Name, new GroupTallyRecord(tally.Counts, tally.Correct, tally.LossSums), null);
    }

    public ShardScores Result(IReadOnlyList<ModelScores> models) => new(0, domains.Count, [], [], [], models, GroupNames: domains);
}
