using System.CommandLine;
using RecSharp.Models.CollaborativeFiltering.Neural;

namespace RecSharp.Cli.Commands;

/// <summary>
/// The command-line flags of the learned collaborative-filtering models (bpr, gmf, mlp, neumf, neumf-pretrained),
/// declared once so every command that trains them binds them the same way.
/// </summary>
internal sealed class LearnedModelFlags
{
    private readonly Option<int?> dim = new("--dim") { Description = "Factors (GMF/NeuMF predictive factors, BPR dimension); default 8 for NCF models, 64 for BPR." };
    private readonly Option<int> epochs = new("--epochs") { Description = "Training epochs (the maximum with --early-stopping).", DefaultValueFactory = _ => 20 };
    private readonly Option<double> lr = new("--lr") { Description = "Adam learning rate.", DefaultValueFactory = _ => 0.001 };
    private readonly Option<int> batch = new("--batch") { Description = "Mini-batch size.", DefaultValueFactory = _ => 256 };
    private readonly Option<int> negatives = new("--negatives") { Description = "GMF/MLP/NeuMF: negatives per positive per epoch.", DefaultValueFactory = _ => 4 };
    private readonly Option<string> layers = new("--layers") { Description = "MLP tower widths, e.g. 64,32,16,8 (embeddings get the first / 2).", DefaultValueFactory = _ => "64,32,16,8" };
    private readonly Option<double> reg = new("--reg") { Description = "BPR: L2 weight on the batch embeddings.", DefaultValueFactory = _ => 1e-5 };
    private readonly Option<string> finetune = new("--finetune") { Description = "neumf-pretrained: fine-tuning optimizer, sgd (the NCF paper) or adam.", DefaultValueFactory = _ => "sgd" };
    private readonly Option<double?> finetuneLr = new("--finetune-lr") { Description = "neumf-pretrained: fine-tuning learning rate (default: --lr)." };
    private readonly Option<bool> earlyStopping = new("--early-stopping") { Description = "Select the epoch on validation (P2: each user's latest train item held out, HR@10; P3: valid Recall@20)." };
    private readonly Option<int> patience = new("--patience") { Description = "With --early-stopping: validations without improvement before stopping.", DefaultValueFactory = _ => 5 };

    public IEnumerable<Option> All => [dim, epochs, lr, batch, negatives, layers, reg, finetune, finetuneLr, earlyStopping, patience];

    public bool EarlyStopping(ParseResult result) => result.GetValue(earlyStopping);

    public LearnedCfOptions Bind(ParseResult result, long seed, int threads) => new()
    {
        Dim = result.GetValue(dim),
        Epochs = result.GetValue(epochs),
        LearningRate = result.GetValue(lr),
        BatchSize = result.GetValue(batch),
        Negatives = result.GetValue(negatives),
        MlpLayers = ParseLayers(result.GetValue(layers)!),
        RegWeight = result.GetValue(reg),
        FinetuneOptimizer = result.GetValue(finetune)!.Trim().ToLowerInvariant(),
        FinetuneLearningRate = result.GetValue(finetuneLr),
        EarlyStopping = result.GetValue(earlyStopping),
        Patience = result.GetValue(patience),
        Seed = seed,
        Threads = threads,
    };

    internal static int[] ParseLayers(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var widths = new int[parts.Length];
        for (int k = 0; k < parts.Length; k++)
            if (!int.TryParse(parts[k], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out widths[k]) || widths[k] < 1)
                throw new ArgumentException($"--layers: '{parts[k]}' is not a positive integer (expected widths like 64,32,16,8)");
        if (widths.Length == 0) throw new ArgumentException("--layers: expected at least one width, e.g. 64,32,16,8");
        return widths;
    }
}
