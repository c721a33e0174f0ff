// survey "Удовлетворённость сервисом" compiled by callflow from "survey.flow".
// Generated code: do not edit. Defines globalThis.__flows[meta.id] = { meta, start, step, fallback }.
globalThis.__flows = globalThis.__flows || {};
globalThis.__flows["Удовлетворённость сервисом@3ea1c17711834c5d"] = (function () {
'use strict';
/* … the prelude, as in prelude.golden.js … */
var $ = $prelude({"language":"ru","currency":"UAH"});
var meta = {"id":"Удовлетворённость сервисом@3ea1c17711834c5d","name":"Удовлетворённость сервисом","flavor":"survey","answers":[],"language":"ru","timezone":null,"steps":[],"calendars":[],"secrets":[],"group":"survey-team","hasFallback":false};
var blocks = {};
var $k1 = $.constant({ type: "say", parts: [{ kind: "text", text: "Добрый день, Вас беспокоит компания “АВС Интернет”." }], bargeIn: false, loc: { line: 7, column: 3 } });
blocks["main"] = function (s, input) {
  s.pc = "main#1"; return $k1;
};
var $k2 = $.constant({ type: "question", name: "satisfied", text: [{ kind: "text", text: "Скажите, пожалуйста, удовлетворены ли Вы сервисом предоставления услуг Интернета?" }], answerType: "yesno", min: null, max: null, options: [], loc: { line: 8, column: 3 } });
blocks["main#1"] = function (s, input) {
  s.pc = "main#2"; return $k2;
};
blocks["main#2"] = function (s, input) {
  return $.answer(s, input, "satisfied", "yesno", { "yes": "main#4", "no": "main#7" }, "main#3");
};
var $k3 = $.constant({ type: "say", parts: [{ kind: "text", text: "Спасибо за Ваши ответы! До свидания." }], bargeIn: false, loc: { line: 11, column: 3 } });
blocks["main#3"] = function (s, input) {
  s.pc = "main#10"; return $k3;
};
var $k4 = $.constant({ type: "question", name: "services", text: [{ kind: "text", text: "Какими сервисами Вы б хотели пользоваться в будущем?" }], answerType: "text", min: null, max: null, options: [], loc: { line: 9, column: 15 } });
blocks["main#4"] = function (s, input) {
  s.pc = "main#5"; return $k4;
};
blocks["main#5"] = function (s, input) {
  return $.answer(s, input, "services", "text", {}, "main#3");
};
var $k5 = $.constant({ type: "question", name: "complaint", text: [{ kind: "text", text: "Что именно Вас не удовлетворяет в нашем сервисе?" }], answerType: "text", min: null, max: null, options: [], loc: { line: 10, column: 14 } });
blocks["main#7"] = function (s, input) {
  s.pc = "main#8"; return $k5;
};
blocks["main#8"] = function (s, input) {
  return $.answer(s, input, "complaint", "text", {}, "main#3");
};
var $k6 = $.constant({ type: "hangup", loc: { line: 12, column: 3 } });
blocks["main#10"] = function (s, input) {
  s.pc = "$end"; return $k6;
};
blocks["$fallback"] = function (s, input) {
  $.unwind(s);
  s.pc = "$default"; return null;
};
var $k7 = $.constant({ type: "say", parts: [{ kind: "text", text: "Извините, произошла техническая ошибка. Соединяем Вас с оператором." }], bargeIn: false, loc: { line: 3, column: 8 } });
blocks["$default"] = function (s, input) {
  s.pc = "$default#1"; return $k7;
};
var $k8 = $.constant({ type: "queue", queue: "general", priority: 0, skills: [], maxWaitMs: null, announce: null, announceEveryMs: null, music: null, handlesOverflow: false, loc: { line: 3, column: 8 } });
blocks["$default#1"] = function (s, input) {
  s.pc = "$end"; return $k8;
};
var $k9 = $.constant({ type: "hangup", loc: { line: 3, column: 8 } });
blocks["$end"] = function (s, input) {
  s.pc = "$end"; return $k9;
};
return $.flow(meta, blocks);
})();
