using Minimax.Contracts.Specs;
using Minimax.Engine.Data;
using Minimax.Engine.Files;
using Minimax.Engine.Models;
using Minimax.Engine.Text;
using Minimax.Engine.Training;
using TorchSharp;

namespace Minimax.Grains.Training;

/// <summary>Maps the wire spec onto the engine's own option types (the engine knows no contracts).</summary>
public static class EngineOptions
{
    /// <summary>The spec's tabular data, read from <paramref name="roots"/> only.</summary>
    public static TabularDataOptions ToDataOptions(this DataSpec data, DataRoots roots) => new(
        data.Format == DataFormat.Parquet ? DataFileFormat.Parquet : DataFileFormat.Csv,
        data.Train,
        data.Val,
        data.Test,
        data.Label,
        data.Group,
        data.GroupsBy,
        data.Features,
        data.Standardize) { Roots = roots };

    /// <summary>An evaluation's test file, read from <paramref name="roots"/> only; <paramref name="classColumn"/> is read as text when set.</summary>
    public static TabularTestOptions ToTestOptions(this DataSpec data, string? classColumn, DataRoots roots) => new(
        data.Format == DataFormat.Parquet ? DataFileFormat.Parquet : DataFileFormat.Csv,
        data.Test,
        data.Label,
        data.Group,
        data.GroupsBy,
        data.Id,
        classColumn) { Roots = roots };

    public static OptimizerOptions ToOptimizerOptions(this OptimizerSpec optimizer) => new(
        optimizer.Kind == Contracts.Specs.OptimizerKind.AdamW ? Engine.Training.OptimizerKind.AdamW : Engine.Training.OptimizerKind.Sgd,
        optimizer.Lr,
        optimizer.Momentum,
        optimizer.WeightDecay,
        optimizer.Beta1,
        optimizer.Beta2,
        optimizer.Eps);

    /// <summary>
    /// The run's optimizer over <paramref name="model"/>, with biases and norms in an undecayed group where the spec's
    /// no_decay says so. SGD and AdamW both derive from OptimizerHelper, which can save and load its state.
    /// </summary>
    public static TorchSharp.Modules.OptimizerHelper CreateOptimizer(RunSpec spec, torch.nn.Module model)
    {
        var optimizer = spec.Training.Optimizer;
        var options = optimizer.ToOptimizerOptions() with { SpareBiasesAndNorms = optimizer.SparesBiasesAndNorms(spec.Model.Kind) };
        return (TorchSharp.Modules.OptimizerHelper)OptimizerFactory.Create(options, model.parameters());
    }

    /// <summary>The spec's text corpus, read from <paramref name="roots"/> only.</summary>
    public static TextDataOptions ToTextDataOptions(this DataSpec data, int context, DataRoots roots) => new(
        data.Format == DataFormat.Jsonl ? TextFormat.Jsonl : TextFormat.TextFolders,
        data.Train,
        context,
        data.Heldout,
        data.HeldoutFraction,
        data.TextField,
        data.DomainField,
        data.Tokenizer == Contracts.Specs.TokenizerKind.Gpt2 ? Engine.Text.TokenizerKind.Gpt2 : Engine.Text.TokenizerKind.Bytes) { Roots = roots };

    public static TransformerOptions ToTransformerOptions(this ModelSpec model, int vocabularySize)
    {
        var options = new TransformerOptions(vocabularySize, model.Context, model.Layers, model.Heads, model.Width, model.Ff, model.Dropout);
        // Embeddings and head (2·V·W), positions (C·W), and per layer attention (4·W²) and MLP (2·W·F).
        var parameters = 2L * vocabularySize * model.Width + (long)model.Context * model.Width
            + model.Layers * (4L * model.Width * model.Width + 2L * model.Width * model.Ff);
        return parameters <= MaxModelParameters
            ? options
            : throw new ArgumentException(
                $"model: a transformer of width {model.Width}, ff {model.Ff}, {model.Layers} layers and a vocabulary of {vocabularySize} has about {parameters} parameters, more than {MaxModelParameters}");
    }

    /// <summary>Windows per evaluation batch of a language model: 32, or fewer when their logits would pass <see cref="MaxLogits"/>.</summary>
    public static int EvaluationBatch(TransformerOptions options) =>
        (int)Math.Clamp(MaxLogits / ((long)options.Context * options.VocabularySize), 1, 32);

    /// <summary>Most logits one forward pass may produce (1 GiB of floats): batch x context x vocabulary.</summary>
    public const long MaxLogits = 1L << 28;

    /// <summary>Most parameters one replica may hold (256 MiB of floats): a hostile spec or data file must not exhaust the silo's memory.</summary>
    public const long MaxModelParameters = 1L << 26;

    public static Mlp CreateModel(this ModelSpec model, int inputs, int outputs) => new(
        CheckModelSize(model, inputs, outputs),
        model.Hidden,
        outputs,
        model.Activation switch
        {
            Activation.Tanh => MlpActivation.Tanh,
            Activation.Gelu => MlpActivation.Gelu,
            _ => MlpActivation.Relu,
        },
        model.Dropout);

    private static int CheckModelSize(ModelSpec model, int inputs, int outputs)
    {
        long parameters = 0;
        long width = inputs;
        foreach (var next in model.Hidden.Append(outputs))
        {
            parameters += (width + 1) * next;
            width = next;
        }
        if (parameters > MaxModelParameters)
        {
            throw new ArgumentException(
                $"model.hidden: {inputs} inputs, hidden [{string.Join(", ", model.Hidden)}] and {outputs} outputs make {parameters} parameters, more than {MaxModelParameters}");
        }
        return inputs;
    }

    /// <summary>Rows [start, start + count) of shard <paramref name="shard"/> when <paramref name="rows"/> are split contiguously.</summary>
    public static (int Start, int Count) ShardRange(int rows, int shard, int shardCount)
    {
        var start = (int)((long)rows * shard / shardCount);
        var end = (int)((long)rows * (shard + 1) / shardCount);
        return (start, end - start);
    }
}
