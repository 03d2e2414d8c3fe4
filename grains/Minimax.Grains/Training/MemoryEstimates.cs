using Minimax.Contracts.Specs;
using Minimax.Engine.Data;
using Minimax.Engine.Files;
using Minimax.Engine.Models;
using Minimax.Engine.Text;

namespace Minimax.Grains.Training;

/// <summary>
/// A spec's estimated peak memory per worker (<see cref="WorkerMemoryEstimator"/>) from what is known at
/// submit: the model, the per-worker batch, the data files' header and sizes. The number of classes is
/// read only when the run starts, so a classifier's head is counted with two.
/// </summary>
public static class MemoryEstimates
{
    // The tokens a text file holds per byte (GPT-2's BPE takes about four bytes per token), and the bytes a
    // worker holds per token: the token streams (int), every window (long), its shard's windows and their tensor.
    private const double Gpt2TokensPerByte = 1.0 / 3;
    private const double BytesPerToken = 4 + 8;
    private const double ShardBytesPerToken = 8 + 8;
    // A Parquet file is compressed; parsed, its values take several times its size.
    private const double ParquetExpansion = 4;

    /// <summary>One worker of a training run; <paramref name="reference"/> when it scores against a frozen reference model.</summary>
    public static WorkerMemory ForTraining(ModelSpec model, TrainingSpec training, DataSpec data, bool reference, DataRoots roots)
    {
        var optimizer = training.Optimizer.ToOptimizerOptions();
        var batch = (training.BatchSize + training.Workers - 1) / training.Workers;
        if (data.IsText)
        {
            var options = Transformer(model, data, roots);
            return WorkerMemoryEstimator.Transformer(options, optimizer, reference, batch, EngineOptions.EvaluationBatch(options), training.Workers, TextBytes(data, training.Workers));
        }
        return WorkerMemoryEstimator.Mlp(
            FeatureCount(data, roots), model.Hidden, 2, Activation(model), model.Dropout, optimizer, batch, EvaluationRows, training.Workers, TableBytes(data, [data.Train, data.Val, data.Test], training.Workers));
    }

    /// <summary>One worker scoring <paramref name="run"/>'s final model on an evaluation's data.</summary>
    public static WorkerMemory ForScoring(RunSpec run, DataSpec data, DataRoots roots)
    {
        if (data.IsText)
        {
            var options = Transformer(run.Model, data, roots);
            return WorkerMemoryEstimator.Transformer(options, null, false, 0, EngineOptions.EvaluationBatch(options), 1, TextBytes(data, 1));
        }
        return WorkerMemoryEstimator.Mlp(FeatureCount(run.Data, roots), run.Model.Hidden, 2, Activation(run.Model), run.Model.Dropout, null, 0, EvaluationRows, 1, TableBytes(data, [data.Test], 1));
    }

    public static MemoryEstimate ToRecord(this WorkerMemory memory) => new(memory.Peak, memory.Of(MemoryPart.Reference));

    /// <summary>The spec fields that drive <paramref name="term"/>, for a refusal that says what to change.</summary>
    public static string FieldsOf(MemoryTerm term, ModelSpec model)
    {
        var size = model.Kind == ModelKind.Transformer ? "model.width, model.ff, model.layers" : "model.hidden, data.features";
        return term.Name switch
        {
            "residual stream" => "model.width, model.context, training.batch_size",
            "feed-forward" => "model.ff, model.context, training.batch_size",
            "attention scores" => "model.context, model.heads, training.batch_size, model.dropout",
            "logits" => "data.tokenizer, model.context, training.batch_size",
            "hidden layers" => "model.hidden, training.batch_size",
            // Up to 32 windows, whatever training.batch_size is.
            "evaluation batch" => model.Kind == ModelKind.Transformer ? "model.ff, model.context, data.tokenizer" : "model.hidden",
            "optimizer state" => $"training.optimizer, {size}",
            "data shard" => "data.train",
            _ => size,
        };
    }

    /// <summary>Evaluator's batch of rows.</summary>
    private const int EvaluationRows = 4096;

    private static TransformerOptions Transformer(ModelSpec model, DataSpec data, DataRoots roots) =>
        new(Tokenizers.Create(data.ToTextDataOptions(model.Context, roots).Tokenizer).VocabularySize, model.Context, model.Layers, model.Heads, model.Width, model.Ff, model.Dropout);

    private static MlpActivation Activation(ModelSpec model) => model.Activation switch
    {
        Contracts.Specs.Activation.Tanh => MlpActivation.Tanh,
        Contracts.Specs.Activation.Gelu => MlpActivation.Gelu,
        _ => MlpActivation.Relu,
    };

    private static int FeatureCount(DataSpec data, DataRoots roots) => TabularDatasetReader.ReadFeatureCount(data.ToDataOptions(roots));

    /// <summary>
    /// The parsed files, then the worker's share of the training rows in a tensor. Workers of a run on one silo
    /// share one parse, but one on a silo of its own parses alone, so the whole files are counted per worker.
    /// </summary>
    private static long TableBytes(DataSpec data, string[] files, int workers)
    {
        var expansion = data.Format == DataFormat.Parquet ? ParquetExpansion : 1;
        var all = files.Distinct(StringComparer.Ordinal).Sum(file => (double)SizeOf(file));
        return WorkerMemory.Saturated(expansion * (all + SizeOf(files[0]) / (double)workers));
    }

    private static long TextBytes(DataSpec data, int workers)
    {
        var bytes = (double)SizeOf(data.Train) + (data.Heldout is { } heldout ? SizeOf(heldout) : 0);
        var tokens = data.Tokenizer == Contracts.Specs.TokenizerKind.Gpt2 ? bytes * Gpt2TokensPerByte : bytes;
        return WorkerMemory.Saturated(tokens * (BytesPerToken + ShardBytesPerToken / workers));
    }

    /// <summary>A file's size, or the sizes of the files under a folder (links not followed: they are refused elsewhere).</summary>
    private static long SizeOf(string path)
    {
        if (File.Exists(path))
        {
            return new FileInfo(path).Length;
        }
        if (!Directory.Exists(path))
        {
            return 0;
        }
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        return new DirectoryInfo(path).EnumerateFiles("*", options).Sum(file => file.Length);
    }
}
