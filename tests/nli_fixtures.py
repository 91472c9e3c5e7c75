"""Tiny NLI model folders and rows for tests: a 2-layer BERT whose output is set by its classifier bias."""

from __future__ import annotations

from pathlib import Path

WORDS = ("the a man woman dog cat child is are was not no never playing sleeping eating running guitar "
         "food park home in on at and . , ! ? ##s ##ing").split()
SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
SHUFFLED = {0: "contradiction", 1: "entailment", 2: "neutral"}

ROWS = [
    {"premise": "the man is playing a guitar .", "hypothesis": "a man is playing .", "label": "entailment"},
    {"premise": "a dog is sleeping at home .", "hypothesis": "the dog is running in the park .",
     "label": "contradiction"},
    {"premise": "the woman is eating .", "hypothesis": "the woman is eating food in the park .", "label": "neutral"},
    {"premise": "a child is running .", "hypothesis": "no child is running .", "label": "contradiction"},
    {"premise": "the cat is sleeping .", "hypothesis": "a cat is sleeping .", "label": "entailment"},
    {"premise": "the man was at home .", "hypothesis": "the man was never at home .", "label": "contradiction"},
]


def make_tokenizer():
    """A lower-casing WordPiece tokenizer over WORDS, built with `tokenizers` so no vocab download is needed."""
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors
    from transformers import PreTrainedTokenizerFast

    vocab = {w: i for i, w in enumerate(SPECIALS + WORDS)}
    tk = Tokenizer(models.WordPiece(vocab, unk_token="[UNK]"))
    tk.normalizer = normalizers.BertNormalizer(lowercase=True)
    tk.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tk.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", vocab["[CLS]"]), ("[SEP]", vocab["[SEP]"])])
    return PreTrainedTokenizerFast(tokenizer_object=tk, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]",
                                   sep_token="[SEP]", mask_token="[MASK]", model_max_length=64,
                                   model_input_names=["input_ids", "token_type_ids", "attention_mask"])


def make_model(folder: Path, id2label: dict[int, str] | None = None, favour: str | None = None,
               seed: int = 0) -> Path:
    """Save a tiny BERT NLI folder; with `favour`, its classifier bias makes that label win every pair.

    The wide initialisation (0.3) makes the scores of an unbiased model differ visibly between inputs.
    """
    import torch
    from transformers import BertConfig, BertForSequenceClassification

    id2label = dict(SHUFFLED if id2label is None else id2label)
    tok = make_tokenizer()
    cfg = BertConfig(vocab_size=len(tok), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                     intermediate_size=64, max_position_embeddings=64, initializer_range=0.3, id2label=id2label,
                     label2id={v: k for k, v in id2label.items()})
    torch.manual_seed(seed)
    model = BertForSequenceClassification(cfg).eval()
    if favour is not None:
        with torch.no_grad():
            model.classifier.weight.mul_(0.01)
            model.classifier.bias.zero_()
            model.classifier.bias[[k for k, v in id2label.items() if v == favour][0]] = 6.0
    folder.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(folder, safe_serialization=True)
    tok.save_pretrained(folder)
    return folder
