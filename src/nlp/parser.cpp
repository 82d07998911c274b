#include "nlp/parser.h"

#include "base/error.h"
#include "nlp/parser_model.h"

namespace dyad {

Parser::Parser() : model_(std::make_unique<parser_impl::Model>()) {}
Parser::Parser(Parser&&) noexcept = default;
Parser& Parser::operator=(Parser&&) noexcept = default;
Parser::~Parser() = default;

Parser Parser::load(const std::string& path) {
  Parser p;
  p.file_ = ModelFile::open(path);
  if (!p.file_.has("parser.meta")) throw InputError(path, "not a parser model (no 'parser.meta' section)");
  parser_impl::read_model(p.file_, *p.model_);
  return p;
}

size_t Parser::num_features() const { return model_->num_features; }
size_t Parser::num_labels() const { return model_->label_deprel.size(); }

void Parser::parse(Doc& doc) const {
  thread_local parser_impl::Workspace ws;
  const uint32_t nt = doc.num_tokens();
  doc.head.assign(nt, -1);
  doc.deprel.assign(nt, kUnknownLabel);
  for (const Sentence& s : doc.sentences) {
    if (s.last > nt || s.first >= s.last) continue;
    parser_impl::fill_input(doc, s.first, s.last, ws.in);
    parser_impl::parse_sentence(*model_, ws);
    const int n = ws.in.n;
    for (int i = 0; i < n; ++i) {
      const int h = ws.state.head[i];
      const uint32_t t = s.first + static_cast<uint32_t>(i);
      doc.head[t] = h == n ? -1 : static_cast<int32_t>(s.first) + h;
      doc.deprel[t] = model_->label_deprel[ws.state.label[i]];
    }
  }
}

}  // namespace dyad
