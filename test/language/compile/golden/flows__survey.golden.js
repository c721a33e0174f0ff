// survey "Опрос удовлетворённости" compiled by callflow from "survey.flow".
// Generated code: do not edit. Defines globalThis.__flows[meta.id] = { meta, start, step, fallback }.
globalThis.__flows = globalThis.__flows || {};
globalThis.__flows["Опрос удовлетворённости@2a4a22a7e892be18"] = (function () {
'use strict';
/* … the prelude, as in prelude.golden.js … */
var $ = $prelude({"language":"ru","currency":"UAH"});
var meta = {"id":"Опрос удовлетворённости@2a4a22a7e892be18","name":"Опрос удовлетворённости","flavor":"survey","answers":[],"language":"ru","timezone":null,"steps":[],"calendars":[],"secrets":[],"group":"survey-team","hasFallback":false};
var blocks = {};
var $k1 = $.constant({ type: "question", name: "satisfied", text: [{ kind: "text", text: "Удовлетворены ли Вы сервисом предоставления услуг Интернета?" }], answerType: "yesno", min: null, max: null, options: [], loc: { line: 6, column: 3 } });
blocks["main"] = function (s, input) {
  s.pc = "main#1"; return $k1;
};
blocks["main#1"] = function (s, input) {
  return $.answer(s, input, "satisfied", "yesno", { "yes": "main#3", "no": "main#6" }, "main#2");
};
var $k2 = $.constant({ type: "question", name: "score", text: [{ kind: "text", text: "Оцените нас от 1 до 5" }], answerType: "number", min: 1, max: 5, options: [], loc: { line: 9, column: 3 } });
blocks["main#2"] = function (s, input) {
  s.pc = "main#9"; return $k2;
};
var $k3 = $.constant({ type: "question", name: "services", text: [{ kind: "text", text: "Какими сервисами Вы б хотели пользоваться в будущем?" }], answerType: "text", min: null, max: null, options: [], loc: { line: 7, column: 15 } });
blocks["main#3"] = function (s, input) {
  s.pc = "main#4"; return $k3;
};
blocks["main#4"] = function (s, input) {
  return $.answer(s, input, "services", "text", {}, "main#2");
};
var $k4 = $.constant({ type: "question", name: "complaint", text: [{ kind: "text", text: "Что именно Вас не удовлетворяет в нашем сервисе?" }], answerType: "text", min: null, max: null, options: [], loc: { line: 8, column: 14 } });
blocks["main#6"] = function (s, input) {
  s.pc = "main#7"; return $k4;
};
blocks["main#7"] = function (s, input) {
  return $.answer(s, input, "complaint", "text", {}, "main#2");
};
blocks["main#9"] = function (s, input) {
  return $.answer(s, input, "score", "number", {}, "main#10");
};
var $k5 = $.constant({ type: "question", name: "source", text: [{ kind: "text", text: "Откуда Вы о нас узнали?" }], answerType: "choice", min: null, max: null, options: [{"key":"1","label":"Реклама"},{"key":"2","label":"Друзья"}], loc: { line: 10, column: 3 } });
blocks["main#10"] = function (s, input) {
  s.pc = "main#11"; return $k5;
};
blocks["main#11"] = function (s, input) {
  return $.answer(s, input, "source", "choice", { "1": "main#13" }, "main#12");
};
var $k6 = $.constant({ type: "hangup", loc: { line: 14, column: 3 } });
blocks["main#12"] = function (s, input) {
  s.pc = "$end"; return $k6;
};
blocks["main#13"] = function (s, input) {
  s.pc = "main#12"; return { type: "log", fields: $.fields("channel", "ads"), loc: { line: 13, column: 13 } };
};
blocks["$fallback"] = function (s, input) {
  $.unwind(s);
  s.pc = "$default"; return null;
};
var $k7 = $.constant({ type: "say", parts: [{ kind: "text", text: "Извините, произошла техническая ошибка. Соединяем Вас с оператором." }], bargeIn: false, loc: { line: 2, column: 8 } });
blocks["$default"] = function (s, input) {
  s.pc = "$default#1"; return $k7;
};
var $k8 = $.constant({ type: "queue", queue: "general", priority: 0, skills: [], maxWaitMs: null, announce: null, announceEveryMs: null, music: null, handlesOverflow: false, loc: { line: 2, column: 8 } });
blocks["$default#1"] = function (s, input) {
  s.pc = "$end"; return $k8;
};
var $k9 = $.constant({ type: "hangup", loc: { line: 2, column: 8 } });
blocks["$end"] = function (s, input) {
  s.pc = "$end"; return $k9;
};
return $.flow(meta, blocks);
})();
